// The writes of the district's and the re-inspecting inspector's screens. Like the inspector's findings, each
// writes the sheet's new state, its photos and its outbox entry in one Dexie transaction (and, when given, clears
// the screen's draft in it too), so a reload or crash never leaves a step shown that will not be sent, nor a sent
// step whose draft would be sent again. They go through the same outbox, pushed in the device's clock order; the
// photos a step names are uploaded before it is pushed (see push.ts).
//
// Offline: every write works offline. A sheet's steps are owned by one side at a time (the district rectifies, the
// inspector re-inspects), so two devices do not race on one step; if they do, the server keeps the first and
// refuses the second with a reason that is shown on the sheet.
import { RectificationStart, RectificationSubmit, RectificationVerify, type Mutation } from '@shared/sync/protocol'
import { validate, type FieldIssue } from '@shared/validation'
import type { KaopingDb, LocalRectification } from '../db/db'
import { nextHlc } from './clock'
import { syncContext, type SyncDeps } from './context'
import { entriesOf, newEntry } from './mutations'
import type { PhotoInput } from './outbox'
import { withLocalStep, type RectificationMutation } from './rectification-merge'
import { followTasks } from './rectification-pull'
import { uuidv7 } from '@shared/sync/ids'

export interface SheetWriteError {
  code: 'invalid' | 'not_found' | 'wrong_status' | 'photo_not_listed'
  zh: string
  en: string
  issues?: FieldIssue[]
}

/** `mutationId` is null when nothing needs to reach the server. */
export type SheetWrite = { ok: true; mutationId: string | null } | { ok: false; error: SheetWriteError }

export interface SheetWriteOptions extends SyncDeps {
  /** The signed-in user, recorded as the re-inspecting inspector on the device's copy. */
  actorId?: string
  /** A draft of the screen to clear in the same transaction. */
  draftId?: string
}

const fail = (code: SheetWriteError['code'], zh: string, en: string, issues?: FieldIssue[]): SheetWrite => ({
  ok: false,
  error: { code, zh, en, ...(issues ? { issues } : {}) },
})

/** Statuses from which a district may still rectify (a failed re-inspection comes back as in_progress). */
export const RECTIFIABLE: ReadonlySet<string> = new Set(['new', 'in_progress', 'overdue'])

/** The district starts work on a sheet; nothing is sent for a sheet already started. */
export async function startRectification(orderId: string, options: SheetWriteOptions = {}): Promise<SheetWrite> {
  const parsed = validate(RectificationStart, { orderId })
  if (!parsed.ok) return fail('invalid', '交办单编号有误', 'not a sheet id', parsed.issues)
  return write(options, [], orderId, (row) => (row.order.status === 'new' ? { type: 'rectification.start', payload: parsed.value } : null))
}

/** The district submits its rectification: after-photos (kept on the device until the server has them) and a note. */
export async function submitRectification(
  input: { orderId: string; photos: PhotoInput[]; note: string },
  options: SheetWriteOptions = {},
): Promise<SheetWrite> {
  const payload = { orderId: input.orderId, afterPhotos: input.photos.map((p) => p.sha256), note: input.note.trim() }
  const parsed = validate(RectificationSubmit, payload)
  if (!parsed.ok) return fail('invalid', '整改提交内容不完整或有误', 'the rectification is incomplete or wrong', parsed.issues)
  return write(options, input.photos, input.orderId, (row) => {
    if (!RECTIFIABLE.has(row.order.status)) return wrongStatus(row)
    return { type: 'rectification.submit', payload: parsed.value }
  })
}

/** The inspector's re-inspection of a submitted sheet: pass or fail (a fail needs a note), optional photos. */
export async function verifyRectification(
  input: { orderId: string; result: 'pass' | 'fail'; note: string; photos?: PhotoInput[] },
  options: SheetWriteOptions = {},
): Promise<SheetWrite> {
  const photos = input.photos ?? []
  const parsed = validate(RectificationVerify, { orderId: input.orderId, result: input.result, note: input.note.trim(), photos: photos.map((p) => p.sha256) })
  if (!parsed.ok) return fail('invalid', '复查结论不完整或有误', 'the re-inspection is incomplete or wrong', parsed.issues)
  return write(options, photos, input.orderId, (row) => {
    if (row.order.status !== 'submitted') return wrongStatus(row)
    return { type: 'rectification.verify', payload: parsed.value }
  })
}

/** The user has read why the server refused a step of this sheet and lets it go. */
export async function dismissSheetRejection(orderId: string, deps: Pick<SyncDeps, 'db'> = {}): Promise<SheetWrite> {
  const { db } = syncContext(deps)
  return db.transaction('rw', [db.rectifications, db.outbox], async () => {
    const refusedEntries = (await entriesOf(db, orderId)).filter((e) => e.status === 'rejected')
    await db.outbox.bulkDelete(refusedEntries.map((e) => e.id))
    const row = await db.rectifications.get(orderId)
    if (row?.rejection) {
      const { rejection: _r, ...kept } = row
      await db.rectifications.put(kept)
    }
    return { ok: true, mutationId: null }
  })
}

type Step = Pick<RectificationMutation, 'type' | 'payload'> | null | { error: SheetWrite }

function wrongStatus(row: LocalRectification): { error: SheetWrite } {
  return {
    error: fail('wrong_status', `该交办单当前状态（${row.order.status}）不能进行此操作`, `the sheet is ${row.order.status}: this step does not apply`),
  }
}

async function write(options: SheetWriteOptions, photos: PhotoInput[], orderId: string, step: (row: LocalRectification) => Step): Promise<SheetWrite> {
  const ctx = syncContext(options)
  const device = await ctx.deviceId()
  const { db } = ctx
  return db.transaction('rw', [db.rectifications, db.photos, db.outbox, db.meta, db.drafts, db.tasks], async () => {
    const row = await db.rectifications.get(orderId)
    if (!row) return fail('not_found', '本设备上没有该交办单', 'no such sheet on this device')
    const next = step(row)
    if (next === null) return { ok: true, mutationId: null }
    if ('error' in next) return next.error
    const now = ctx.now()
    const hlc = await nextHlc({ db, device, now: ctx.now })
    const mutation = { id: uuidv7(), hlc, ...next } as RectificationMutation
    // A new step answers any earlier refusal of this sheet: the refused entries leave with it.
    const answered = (await entriesOf(db, orderId)).filter((e) => e.status === 'rejected')
    await db.outbox.bulkDelete(answered.map((e) => e.id))
    await putPhotos(db, photos, orderId, now)
    const stepped = withLocalStep(row, mutation, options.actorId ?? '', now)
    await db.rectifications.put(stepped)
    await followTasks(db, [stepped])
    await db.outbox.add(newEntry(mutation as Mutation, now))
    if (options.draftId) await db.drafts.delete(options.draftId)
    return { ok: true, mutationId: mutation.id }
  })
}

/** Photos the device does not hold yet, filed under the sheet; uploaded by hash like a finding's. */
async function putPhotos(db: KaopingDb, photos: PhotoInput[], orderId: string, now: number): Promise<void> {
  if (!photos.length) return
  const held = await db.photos.bulkGet(photos.map((p) => p.sha256))
  const fresh = photos.filter((_, i) => !held[i])
  await db.photos.bulkPut(
    fresh.map((p) => ({ sha256: p.sha256, findingId: orderId, blob: p.blob, mime: p.mime, size: p.blob.size, uploaded: 0, done: 0, stamp: p.stamp, createdAt: now })),
  )
}
