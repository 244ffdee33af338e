// Pull: the server's changes after the device's cursor, page by page until there are no more. Each page is
// applied in one transaction together with the cursor that follows it, so the cursor never runs ahead of the
// data it stands for: a crash between pages repeats at most one page, and applying a page twice changes nothing.
import type { Checklist, District, Finding, Review, ScoringPolicy } from '@shared/domain'
import type { Change, PullResponse } from '@shared/sync/protocol'
import { getMeta, setMeta, type KaopingDb, type LocalFinding } from '../db/db'
import type { SyncContext } from './context'
import { currentSession } from '../features/auth/session'
import { mergeFinding, reviewReasonFor, tombstone } from './merge'
import { applySheets } from './rectification-pull'
import { cacheSheetPhotos } from './sheet-photos'
import { answerError, networkError, syncError, type ErrorBody, type SyncError } from './sync-error'

export const CURSOR_KEY = 'cursor'

export interface PullOptions {
  signal?: AbortSignal
  /** Changes per page. */
  limit?: number
}

export interface PullOutcome {
  status: 'done' | 'failed' | 'stopped'
  changes: number
  error?: SyncError
}

export async function pullChanges(ctx: SyncContext, opts: PullOptions = {}): Promise<PullOutcome> {
  const limit = opts.limit ?? 1000
  let changes = 0
  let restarted = false
  for (;;) {
    if (opts.signal?.aborted) return { status: 'stopped', changes }
    const cursor = await getMeta<string>(CURSOR_KEY, ctx.db.meta)
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })
    let res: Response
    try {
      res = await ctx.transport(`/sync/pull?${query}`, { signal: opts.signal })
    } catch (err) {
      return opts.signal?.aborted ? { status: 'stopped', changes } : { status: 'failed', changes, error: networkError(err, ctx.now()) }
    }
    const body = (await res.json().catch(() => null)) as (PullResponse & ErrorBody) | null
    if (!res.ok) {
      // A cursor the server never gave out (its database was replaced): start over. Applying is idempotent.
      if (res.status === 400 && cursor && !restarted && names(body, 'cursor')) {
        restarted = true
        await restart(ctx.db, cursor)
        continue
      }
      const error = answerError(res.status, body, ctx.now())
      return { status: res.status === 401 || res.status === 426 ? 'stopped' : 'failed', changes, error }
    }
    if (!body || !Array.isArray(body.changes) || typeof body.cursor !== 'string') {
      if (opts.signal?.aborted) return { status: 'stopped', changes }
      return { status: 'failed', changes, error: syncError('bad_response', ctx.now(), { status: res.status }) }
    }
    // Another run moved the cursor meanwhile (it cannot, under the sync lock, but it costs one read to be sure).
    if (!(await applyPage(ctx.db, cursor, body, ctx.now()))) return done(ctx, changes, opts.signal)
    changes += body.changes.length
    if (!body.more) return done(ctx, changes, opts.signal)
  }
}

/** Roles whose devices keep others' photos of open sheets for offline (the bureau works online at a desk). */
const FIELD_ROLES = new Set(['district', 'inspector'])

/** Up to date: the open sheets' photos from others come along while the network is there. */
async function done(ctx: SyncContext, changes: number, signal?: AbortSignal): Promise<PullOutcome> {
  if (FIELD_ROLES.has(currentSession.value?.user.role ?? '')) {
    await cacheSheetPhotos(ctx, { signal }).catch((err) => console.warn('sync: keeping sheet photos failed', err))
  }
  return { status: 'done', changes }
}

/** Applies one page and stores its cursor, all or nothing; false when the stored cursor is not `from`. */
export async function applyPage(db: KaopingDb, from: string | undefined, page: PullResponse, now: number): Promise<boolean> {
  const userId = currentSession.value?.user.id ?? null
  return db.transaction('rw', [db.findings, db.reviews, db.districts, db.checklists, db.policies, db.photos, db.meta, db.rectifications, db.tasks], async () => {
    if ((await getMeta<string>(CURSOR_KEY, db.meta)) !== from) return false
    // Within a page the last change of a record is its state after the page.
    const last = new Map<string, Change>()
    for (const c of page.changes) last.set(`${c.entity}\u0000${c.id}`, c)
    const of = (entity: Change['entity']) => [...last.values()].filter((c) => c.entity === entity)

    await applyPlain(db.districts, of('district'), (c) => c.data as District, (c) => c.id)
    await applyPlain(db.checklists, of('checklist'), (c) => checklistRow(c.data as Checklist), (c) => c.id)
    await applyPlain(db.policies, of('policy'), (c) => c.data as ScoringPolicy, (c) => Number(c.id))
    // Reviews first: a rejected or sent-back finding takes its reason from them.
    await applyPlain(db.reviews, of('review'), (c) => c.data as Review, (c) => c.id)
    await applyFindings(db, of('finding'), now)
    await applySheets(db, of('rectification'), now, userId)
    // Entities the device does not keep (appeals, media, survey: their screens read the API) are passed
    // over; the cursor moves past them like any other change.
    await setMeta(CURSOR_KEY, page.cursor, db.meta)
    return true
  })
}

const checklistRow = (c: Checklist) => ({ ...c, key: `${c.id}@${c.version}` })

async function applyPlain<T, K extends string | number>(
  table: { bulkPut(rows: T[]): Promise<unknown>; bulkDelete(keys: K[]): Promise<void> },
  changes: Change[],
  row: (c: Change) => T,
  key: (c: Change) => K,
): Promise<void> {
  const upserts = changes.filter((c) => c.op === 'upsert' && c.data !== undefined)
  const deletes = changes.filter((c) => c.op === 'delete')
  if (upserts.length) await table.bulkPut(upserts.map(row))
  if (deletes.length) await table.bulkDelete(deletes.map(key))
}

async function applyFindings(db: KaopingDb, changes: Change[], now: number): Promise<void> {
  if (!changes.length) return
  const locals = await db.findings.bulkGet(changes.map((c) => c.id))
  const puts: LocalFinding[] = []
  const removed: string[] = []
  for (const [i, c] of changes.entries()) {
    const local = locals[i]
    if (c.op === 'delete') {
      const kept = tombstone(local)
      if (kept) {
        if (kept !== local) puts.push(kept)
      } else if (local) removed.push(c.id)
      continue
    }
    if (c.data === undefined) continue
    const server = c.data as Finding
    const reason = local?.pending === 1 ? undefined : reviewReasonFor(server, await db.reviews.where('findingId').equals(server.id).toArray())
    const merged = mergeFinding(local, server, reason, now)
    if (merged !== local) puts.push(merged)
  }
  if (puts.length) await db.findings.bulkPut(puts)
  if (removed.length) {
    await db.findings.bulkDelete(removed)
    // Photos the server has confirmed are no longer needed; any still uploading finish first (the void record
    // keeps its evidence on the server, and a supervisor may restore it).
    await db.photos.where('findingId').anyOf(removed).filter((p) => p.done === 1).delete()
  }
}

async function restart(db: KaopingDb, stale: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if ((await getMeta<string>(CURSOR_KEY, db.meta)) === stale) await db.meta.delete(CURSOR_KEY)
  })
}

function names(body: ErrorBody | null, field: string): boolean {
  const issues = body?.error?.details?.issues
  return Array.isArray(issues) && issues.some((i) => (i as { field?: unknown })?.field === field)
}
