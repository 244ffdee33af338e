// The writes the inspector's screens call. Each writes the record and its outbox entry in one Dexie transaction:
// after a crash, a reload or an app update either both are on the device or neither is, and the UI (which follows
// committed data through liveQuery) never shows a record that will not be sent.
//
// Offline: every write works offline and waits in the outbox. Two devices of one inspector editing one field
// converge on the server by the mutation's hybrid logical clock; a void is final until a supervisor restores it.
import { Finding } from '@shared/domain'
import { deductionFor } from '@shared/scoring/deduction'
import { FindingChanges, type Mutation } from '@shared/sync/protocol'
import { validate, type FieldIssue } from '@shared/validation'
import type { KaopingDb, LocalFinding, LocalPhoto } from '../db/db'
import { nextHlc } from './clock'
import { syncContext, type SyncDeps } from './context'
import { entriesOf, newEntry, wireFinding } from './mutations'
import { uuidv7 } from '@shared/sync/ids'

export { findingState, type FindingState } from './finding-state'

/** A photo as the camera screen hands it over: its SHA-256 already computed from the blob's bytes. */
export interface PhotoInput {
  sha256: string
  blob: Blob
  mime: string
  stamp: LocalPhoto['stamp']
}

export interface LocalWriteError {
  code: 'invalid' | 'not_found' | 'exists' | 'voided' | 'photo_not_listed' | 'must_correct'
  zh: string
  en: string
  issues?: FieldIssue[]
}

/** `mutationId` is null when nothing needs to reach the server. */
export type LocalWrite = { ok: true; mutationId: string | null } | { ok: false; error: LocalWriteError }

const fail = (code: LocalWriteError['code'], zh: string, en: string, issues?: FieldIssue[]): LocalWrite => ({
  ok: false,
  error: { code, zh, en, ...(issues ? { issues } : {}) },
})

/** Records a new finding with its photos; the finding.create waits in the outbox. */
export async function recordFinding(input: { finding: Finding; photos?: PhotoInput[] }, deps: SyncDeps = {}): Promise<LocalWrite> {
  const parsed = validate(Finding, input.finding)
  if (!parsed.ok) return fail('invalid', '记录内容不完整或有误', 'the finding is incomplete or wrong', parsed.issues)
  const finding = parsed.value
  const photos = input.photos ?? []
  const unlisted = photos.find((p) => !finding.photos.includes(p.sha256))
  if (unlisted) return fail('photo_not_listed', '照片不在该记录的照片列表中', `photo ${unlisted.sha256} is not among the finding's photos`)
  const ctx = syncContext(deps)
  const device = await ctx.deviceId()
  const { db } = ctx
  return db.transaction('rw', [db.findings, db.photos, db.outbox, db.meta], async () => {
    if (await db.findings.get(finding.id)) return fail('exists', '该编号的记录已存在', 'a finding with this id already exists')
    const now = ctx.now()
    const hlc = await nextHlc({ db, device, now: ctx.now })
    await db.findings.put({ ...finding, pending: 1, touchedAt: now })
    await putPhotos(db, photos, finding.id, now)
    const mutation: Mutation = { id: uuidv7(), hlc, type: 'finding.create', payload: finding }
    await db.outbox.add(newEntry(mutation, now))
    return { ok: true, mutationId: mutation.id }
  })
}

/**
 * Changes fields of a finding; new photos come along when `changes.photos` lists them. After the server refused
 * the finding's record, the corrected finding is sent as a new record, replacing the refused one; any earlier
 * refusal of this finding counts as answered by the correction.
 */
export async function editFinding(
  id: string,
  changes: FindingChanges,
  options: SyncDeps & { photos?: PhotoInput[] } = {},
): Promise<LocalWrite> {
  const parsed = validate(FindingChanges, changes)
  if (!parsed.ok) return fail('invalid', '修改内容有误', 'the changes are not valid', parsed.issues)
  const ctx = syncContext(options)
  const device = await ctx.deviceId()
  const { db } = ctx
  const photos = options.photos ?? []
  return db.transaction('rw', [db.findings, db.photos, db.outbox, db.meta, db.checklists], async () => {
    const local = await db.findings.get(id)
    if (!local) return fail('not_found', '找不到该记录', 'no such finding on this device')
    if (local.status === 'voided') return fail('voided', '该记录已作废，不能修改', 'the finding is void and cannot be changed')
    const edited = await applyChanges(db, local, parsed.value)
    const unlisted = photos.find((p) => !edited.photos.includes(p.sha256))
    if (unlisted) return fail('photo_not_listed', '照片不在该记录的照片列表中', `photo ${unlisted.sha256} is not among the finding's photos`)
    const entries = await entriesOf(db, id)
    const refusedCreate = entries.some((e) => e.status === 'rejected' && e.mutation.type === 'finding.create')
    // The server never stored a refused record, so updates of it cannot apply: send the corrected whole instead.
    const answered = entries.filter((e) => refusedCreate || e.status === 'rejected')
    await db.outbox.bulkDelete(answered.map((e) => e.id))
    const now = ctx.now()
    const hlc = await nextHlc({ db, device, now: ctx.now })
    const { rejection: _r, ...kept } = edited
    await db.findings.put({ ...kept, pending: 1, touchedAt: now })
    await putPhotos(db, photos, id, now)
    const mutation: Mutation = refusedCreate
      ? { id: uuidv7(), hlc, type: 'finding.create', payload: { ...wireFinding(edited), status: 'submitted' } }
      : { id: uuidv7(), hlc, type: 'finding.update', payload: { id, changes: parsed.value } }
    await db.outbox.add(newEntry(mutation, now))
    return { ok: true, mutationId: mutation.id }
  })
}

/** Voids a finding (a tombstone: the server keeps it, marked void). A record the server refused and never
 *  stored is voided on the device only. */
export async function voidFinding(id: string, reason: string, deps: SyncDeps = {}): Promise<LocalWrite> {
  const why = reason.trim()
  if (!why || why.length > 500) {
    return fail('invalid', '作废须填写理由（不超过 500 字）', 'a reason of at most 500 characters is required to void', [
      { field: 'reason', code: 'too_small', zh: '作废须填写理由', en: 'a reason is required' },
    ])
  }
  const ctx = syncContext(deps)
  const device = await ctx.deviceId()
  const { db } = ctx
  return db.transaction('rw', [db.findings, db.outbox, db.meta], async () => {
    const local = await db.findings.get(id)
    if (!local) return fail('not_found', '找不到该记录', 'no such finding on this device')
    if (local.status === 'voided') return fail('voided', '该记录已作废', 'the finding is already void')
    const entries = await entriesOf(db, id)
    const now = ctx.now()
    const { rejection: _r, ...kept } = local
    if (entries.some((e) => e.status === 'rejected' && e.mutation.type === 'finding.create')) {
      await db.outbox.bulkDelete(entries.map((e) => e.id))
      await db.findings.put({ ...kept, status: 'voided', pending: 0, touchedAt: now })
      return { ok: true, mutationId: null }
    }
    const hlc = await nextHlc({ db, device, now: ctx.now })
    await db.findings.put({ ...kept, status: 'voided', pending: 1, touchedAt: now })
    const mutation: Mutation = { id: uuidv7(), hlc, type: 'finding.void', payload: { id, reason: why } }
    await db.outbox.add(newEntry(mutation, now))
    return { ok: true, mutationId: mutation.id }
  })
}

/**
 * The inspector has read why the server refused a change and lets it go. A refused record (finding.create) cannot
 * be dismissed: correct it with editFinding to send it again, or void it.
 */
export async function dismissRejection(findingId: string, deps: Pick<SyncDeps, 'db'> = {}): Promise<LocalWrite> {
  const { db } = syncContext(deps)
  return db.transaction('rw', [db.findings, db.outbox], async () => {
    const refused = (await entriesOf(db, findingId)).filter((e) => e.status === 'rejected')
    if (refused.some((e) => e.mutation.type === 'finding.create')) {
      return fail('must_correct', '服务器未收下该记录：请修改后重新提交，或作废', 'the server did not take this record: correct and resubmit it, or void it')
    }
    await db.outbox.bulkDelete(refused.map((e) => e.id))
    const local = await db.findings.get(findingId)
    if (local?.rejection) {
      const { rejection: _r, ...kept } = local
      await db.findings.put(kept)
    }
    return { ok: true, mutationId: null }
  })
}

/** How much is not yet on the server, and since when: entries waiting to be pushed and photos not yet confirmed. */
export async function unsyncedSummary(deps: Pick<SyncDeps, 'db'> = {}): Promise<{ count: number; oldestAt: number | null }> {
  const { db } = syncContext(deps)
  return db.transaction('r', [db.outbox, db.photos], async () => {
    const entries = await db.outbox.where('status').equals('pending').count()
    const oldestEntry = entries ? await db.outbox.orderBy('createdAt').filter((e) => e.status === 'pending').first() : undefined
    let photos = 0
    let oldestPhoto = Infinity
    await db.photos.where('done').equals(0).each((p) => {
      photos++
      oldestPhoto = Math.min(oldestPhoto, p.createdAt)
    })
    const oldest = Math.min(oldestEntry?.createdAt ?? Infinity, oldestPhoto)
    return { count: entries + photos, oldestAt: Number.isFinite(oldest) ? oldest : null }
  })
}

/** Photos the device does not hold yet; a photo already held (the same picture on two findings) is kept as is. */
async function putPhotos(db: KaopingDb, photos: PhotoInput[], findingId: string, now: number): Promise<void> {
  if (!photos.length) return
  const held = await db.photos.bulkGet(photos.map((p) => p.sha256))
  const fresh = photos.filter((_, i) => !held[i])
  await db.photos.bulkPut(
    fresh.map((p) => ({ sha256: p.sha256, findingId, blob: p.blob, mime: p.mime, size: p.blob.size, uploaded: 0, done: 0, stamp: p.stamp, createdAt: now })),
  )
}

/** The finding with the changes applied as the server will apply them: the deduction follows quantity and item
 *  (when the device holds the checklist), and a reviewed finding goes back to submitted for re-review. */
async function applyChanges(db: KaopingDb, local: LocalFinding, changes: FindingChanges): Promise<LocalFinding> {
  const after: LocalFinding = { ...local, ...changes }
  if ('quantity' in changes || 'itemCode' in changes || 'checklistVersion' in changes) {
    const checklist = await db.checklists.get(`${after.checklistId}@${after.checklistVersion}`)
    const item = checklist?.items.find((i) => i.code === after.itemCode)
    if (item) after.deduction = deductionFor(after.quantity, item.deductionPerUnit)
  }
  if (after.status === 'confirmed' || after.status === 'rejected' || after.status === 'sent_back') after.status = 'submitted'
  return after
}

