// Push: the outbox's waiting entries in the order the device wrote them, in batches of at most 500. The server
// answers each mutation applied, duplicate (a replay, with its first answer) or rejected with a reason, so a
// batch whose answer was lost is simply sent again. An entry leaves the outbox only when the server has applied
// it; a refused one stays, with its reason, until the inspector has read it.
//
// A rectification step names photos (after-photos, re-inspection photos) that must be on the server when the step
// is applied, so those go up first: a step whose photos cannot go yet waits, and the steps after it with it.
import { MAX_PUSH_MUTATIONS, type Mutation, type MutationRejection, type MutationResult, type PushResponse } from '@shared/sync/protocol'
import type { LocalFinding, LocalRectification, OutboxEntry } from '../db/db'
import { backoffDelay } from './backoff'
import { observe } from './clock'
import type { SyncContext } from './context'
import { byClock, findingIdOf, findingsWithPending } from './mutations'
import { uploadNamed } from './photo-upload'
import { refused as refusedSheet } from './rectification-merge'
import { followTasks } from './rectification-pull'
import { httpError, networkError, syncError, type SyncError } from './sync-error'

export interface PushOptions {
  signal?: AbortSignal
  /** Push now even if the last failure asked to wait (the inspector pressed "sync", the network came back). */
  force?: boolean
  batchSize?: number
}

export interface PushOutcome {
  /** done: nothing due is left; failed: a batch was not delivered and waits for its retry; stopped: sign-in or
   *  an app update is needed (the error says which), or the run was aborted. */
  status: 'done' | 'failed' | 'stopped'
  applied: number
  rejected: number
  error?: SyncError
}

export async function pushOutbox(ctx: SyncContext, opts: PushOptions = {}): Promise<PushOutcome> {
  const size = Math.max(1, Math.min(opts.batchSize ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS))
  const out: PushOutcome = { status: 'done', applied: 0, rejected: 0 }
  const due = await dueEntries(ctx, opts.force ?? false)
  if (!due.length) return out
  const deviceId = await ctx.deviceId()
  for (let i = 0; i < due.length; i += size) {
    if (opts.signal?.aborted) return { ...out, status: 'stopped' }
    const photos = await photosFirst(ctx, due.slice(i, i + size), opts.signal)
    const batch = photos.ready
    if (batch.length) {
      const answer = await send(ctx, deviceId, batch, opts.signal)
      if ('error' in answer) {
        if (answer.retry) await retryLater(ctx, batch)
        return { ...out, status: answer.retry ? 'failed' : 'stopped', ...(answer.error ? { error: answer.error } : {}) }
      }
      const counts = await settle(ctx, batch, answer.body.results)
      out.applied += counts.applied
      out.rejected += counts.rejected
      if (typeof answer.body.hlc === 'string') await observe(answer.body.hlc, { db: ctx.db, device: deviceId, now: ctx.now })
    }
    if (photos.held) return { ...out, status: photos.held.stop ? 'stopped' : 'failed', ...(photos.held.error ? { error: photos.held.error } : {}) }
  }
  return out
}

/** Photos a mutation names that must be on the server before it applies. */
export function photosNamedBy(m: Mutation): string[] {
  if (m.type === 'rectification.submit') return m.payload.afterPhotos
  if (m.type === 'rectification.verify') return m.payload.photos
  return []
}

/**
 * Uploads the photos the batch's steps name, in order. Returns the entries that may go now: all, or those before
 * the first whose photos could not go for a passing reason (no network, server trouble, sign-in), which waits
 * with everything after it. A photo the server refuses outright does not hold its step back for ever: the step
 * goes, and the server's answer to it says what is missing.
 */
async function photosFirst(ctx: SyncContext, batch: OutboxEntry[], signal?: AbortSignal): Promise<{ ready: OutboxEntry[]; held?: { error?: SyncError; stop: boolean } }> {
  for (const [j, entry] of batch.entries()) {
    const hashes = photosNamedBy(entry.mutation)
    if (!hashes.length) continue
    const up = await uploadNamed(ctx, hashes, { signal })
    if (up.status === 'done' || up.error?.code === 'photo') continue
    const error = up.error
    // Without a network the batch would not go either.
    const ready = error?.code === 'offline' ? [] : batch.slice(0, j)
    return { ready, held: { stop: up.status === 'stopped', ...(error ? { error } : {}) } }
  }
  return { ready: batch }
}

/**
 * Waiting entries, oldest first, up to the first one still waiting out a failure: a later entry may depend on an
 * earlier one (an edit on its record), so the order is never broken to push around a retry.
 */
async function dueEntries(ctx: SyncContext, force: boolean): Promise<OutboxEntry[]> {
  const waiting = (await ctx.db.outbox.where('status').equals('pending').toArray()).sort(byClock)
  if (force) return waiting
  const now = ctx.now()
  const blocked = waiting.findIndex((e) => e.nextAttemptAt > now)
  return blocked < 0 ? waiting : waiting.slice(0, blocked)
}

type Answer = { body: PushResponse } | { error: SyncError | null; retry: boolean }

async function send(ctx: SyncContext, deviceId: string, batch: OutboxEntry[], signal?: AbortSignal): Promise<Answer> {
  let res: Response
  try {
    res = await ctx.transport('/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId, mutations: batch.map((e) => e.mutation), sentAt: new Date(ctx.now()).toISOString() }),
      signal,
    })
  } catch (err) {
    // The batch may or may not have arrived: either way it is sent again, and a replay gets its first answer.
    return signal?.aborted ? { error: null, retry: false } : { error: networkError(err, ctx.now()), retry: true }
  }
  // Nothing was applied: the entries wait untouched for a new sign-in or a new app, with no retry counted.
  if (res.status === 401 || res.status === 426) return { error: await httpError(res, ctx.now()), retry: false }
  if (!res.ok) return { error: await httpError(res, ctx.now()), retry: true }
  const body = (await res.json().catch(() => null)) as PushResponse | null
  if (!body || !Array.isArray(body.results)) {
    return signal?.aborted ? { error: null, retry: false } : { error: syncError('bad_response', ctx.now(), { status: res.status }), retry: true }
  }
  return { body }
}

type Verdict = { applied: true } | { applied: false; reason: MutationRejection }

function verdict(r: MutationResult | undefined): Verdict | undefined {
  if (!r) return undefined
  if (r.status === 'applied') return { applied: true }
  if (r.status === 'rejected') return { applied: false, reason: r.reason }
  const first = r.first as { status: 'applied' | 'rejected'; reason?: MutationRejection }
  return first.status === 'applied' ? { applied: true } : { applied: false, reason: first.reason ?? { code: 'rejected', zh: '服务器未接受', en: 'rejected' } }
}

/** Records the server's answers, each entry and its finding's flags in one transaction. */
async function settle(ctx: SyncContext, batch: OutboxEntry[], results: MutationResult[]): Promise<{ applied: number; rejected: number }> {
  const { db } = ctx
  const byId = new Map(results.map((r) => [r.id, r]))
  return db.transaction('rw', [db.outbox, db.findings, db.rectifications, db.tasks], async () => {
    const current = await db.outbox.bulkGet(batch.map((e) => e.id))
    const applied: string[] = []
    const refused: OutboxEntry[] = []
    const unanswered: OutboxEntry[] = []
    /** Findings whose entries were answered, with the refusal to show (null: none new). */
    const touched = new Map<string, MutationRejection | null>()
    for (const entry of current) {
      // Withdrawn meanwhile (a corrected record replaced it) or answered by another run: nothing to record.
      if (!entry || entry.status !== 'pending') continue
      const v = verdict(byId.get(entry.id))
      const findingId = findingIdOf(entry.mutation)
      if (!v) unanswered.push(entry)
      else if (v.applied) {
        applied.push(entry.id)
        if (!touched.has(findingId)) touched.set(findingId, null)
      } else {
        refused.push({ ...entry, status: 'rejected', rejection: v.reason, attempts: entry.attempts + 1 })
        touched.set(findingId, v.reason)
      }
    }
    await db.outbox.bulkDelete(applied)
    await db.outbox.bulkPut(refused)
    await defer(ctx, unanswered)
    // Read inside the transaction: an edit the inspector saved while the batch was away keeps its finding pending.
    const waiting = await findingsWithPending(db)
    const ids = [...touched.keys()]
    const findings = await db.findings.bulkGet(ids)
    const changed: LocalFinding[] = []
    findings.forEach((f, i) => {
      if (!f) return
      const rejection = touched.get(ids[i]!)
      const pending = waiting.has(f.id) ? 1 : 0
      if (f.pending !== pending || rejection) changed.push({ ...f, pending, ...(rejection ? { rejection } : {}) })
    })
    await db.findings.bulkPut(changed)
    await followTasks(db, await settleSheets(db.rectifications, ids, touched, waiting))
    return { applied: applied.length, rejected: refused.length }
  })
}

/** The sheets whose steps were answered: pending follows the outbox; a refused step falls back to the server's copy. */
async function settleSheets(
  table: SyncContext['db']['rectifications'],
  ids: string[],
  touched: Map<string, MutationRejection | null>,
  waiting: Set<string>,
): Promise<LocalRectification[]> {
  const rows = await table.bulkGet(ids)
  const changed: LocalRectification[] = []
  rows.forEach((row, i) => {
    if (!row) return
    const rejection = touched.get(ids[i]!)
    const pending = waiting.has(row.id) ? 1 : 0
    if (rejection) changed.push(refusedSheet(row, rejection, pending === 1))
    else if (row.pending !== pending) changed.push({ ...row, pending })
  })
  if (changed.length) await table.bulkPut(changed)
  return changed
}

/** Counts a failed attempt and sets when to try again. */
async function retryLater(ctx: SyncContext, batch: OutboxEntry[]): Promise<void> {
  const { db } = ctx
  await db.transaction('rw', db.outbox, async () => {
    const current = await db.outbox.bulkGet(batch.map((e) => e.id))
    await defer(ctx, current.filter((e): e is OutboxEntry => !!e && e.status === 'pending'))
  })
}

async function defer(ctx: SyncContext, entries: OutboxEntry[]): Promise<void> {
  if (!entries.length) return
  const now = ctx.now()
  await ctx.db.outbox.bulkPut(
    entries.map((e) => ({ ...e, attempts: e.attempts + 1, nextAttemptAt: now + backoffDelay(e.attempts + 1, ctx.random) })),
  )
}
