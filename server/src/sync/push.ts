// Push: a batch of mutations applied in one transaction. Each is answered applied, duplicate (a replay, with
// its first answer) or rejected with a reason a person can read; none is dropped. A mutation, its data and its
// change-log entry commit together.
import type { Kysely } from 'kysely'
import type SQLite from 'better-sqlite3'
import { Mutation, type MutationResult } from '@shared/sync/protocol'
import { validate } from '@shared/validation'
import { monthOf } from '@shared/time'
import { DEFAULT_POLICY } from '@shared/domain'
import type { Database } from '../db/schema'
import type { AuthUser } from '../auth/middleware'
import type { ChangeNotice } from '../live/bus'
import { createFinding, updateFinding, voidFinding } from './findings'
import { createReview } from './reviews'
import { startRectification, submitRectification, verifyRectification } from './rectifications'
import { loadReference } from './reference'
import { PushContext } from './push-context'
import { Rejection } from './reject'

export interface PushOutcome {
  results: MutationResult[]
  notices: ChangeNotice[]
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

export async function push(
  db: Kysely<Database>,
  raw: SQLite.Database | undefined,
  user: AuthUser,
  req: { deviceId: string; mutations: unknown[]; sentAt?: string },
  now = Date.now(),
): Promise<PushOutcome> {
  const at = new Date(now).toISOString()
  const skew = req.sentAt ? Date.parse(req.sentAt) - now : 0
  return db.transaction().execute(async (tx) => {
    const ref = await loadReference(tx, monthOf(now, DEFAULT_POLICY.timeZone))
    const ctx = new PushContext(tx, user, req.deviceId, ref, at, Number.isFinite(skew) ? skew : 0, raw)
    const ids = req.mutations.map((m) => (m as { id?: unknown } | null)?.id).filter(isUuid)
    const seen = new Map<string, { user_id: string; status: string; result: string }>()
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx.selectFrom('mutations').select(['id', 'user_id', 'status', 'result']).where('id', 'in', ids.slice(i, i + 500)).execute()
      for (const r of rows) seen.set(r.id, r)
    }
    const created = req.mutations
      .filter((m) => (m as { type?: unknown } | null)?.type === 'finding.create')
      .map((m) => (m as { payload?: { id?: unknown } }).payload?.id)
      .filter(isUuid)
    await ctx.loadExisting(created)
    const results: MutationResult[] = []
    const inBatch = new Map<string, MutationResult>()
    for (const raw of req.mutations) {
      results.push(await applyOne(ctx, raw, seen, inBatch))
    }
    await ctx.flush()
    return { results, notices: ctx.notices }
  })
}

async function applyOne(
  ctx: PushContext,
  raw: unknown,
  seen: Map<string, { user_id: string; status: string; result: string }>,
  inBatch: Map<string, MutationResult>,
): Promise<MutationResult> {
  const rawId = (raw as { id?: unknown } | null)?.id
  const id = isUuid(rawId) ? rawId : ''
  const prior = id ? seen.get(id) : undefined
  if (prior) {
    if (prior.user_id !== ctx.user.id) return rejected(id, new Rejection('id_taken', '该变更编号已被他人使用', 'this mutation id belongs to another user'))
    return { id, status: 'duplicate', first: JSON.parse(prior.result) }
  }
  const again = id ? inBatch.get(id) : undefined
  if (again) return { id, status: 'duplicate', first: stripId(again) }

  const parsed = validate(Mutation, raw)
  if (!parsed.ok) {
    const r = rejected(id, new Rejection('invalid', '变更内容不合格', 'the mutation is not valid', parsed.issues))
    if (id) remember(ctx, inBatch, r, 'invalid')
    return r
  }
  const m = parsed.value
  let result: MutationResult
  try {
    switch (m.type) {
      case 'finding.create':
        await createFinding(ctx, m.payload, m.id, m.hlc)
        result = { id: m.id, status: 'applied', entity: { type: 'finding', id: m.payload.id } }
        break
      case 'finding.update':
        await updateFinding(ctx, m.payload.id, m.payload.changes, m.id, m.hlc)
        result = { id: m.id, status: 'applied', entity: { type: 'finding', id: m.payload.id } }
        break
      case 'finding.void':
        await voidFinding(ctx, m.payload.id, m.payload.reason, m.id)
        result = { id: m.id, status: 'applied', entity: { type: 'finding', id: m.payload.id } }
        break
      case 'review.create':
        await createReview(ctx, m.payload, m.id)
        result = { id: m.id, status: 'applied', entity: { type: 'review', id: m.payload.id } }
        break
      case 'rectification.start':
        await startRectification(ctx, m.payload, m.id)
        result = { id: m.id, status: 'applied', entity: { type: 'rectification', id: m.payload.orderId } }
        break
      case 'rectification.submit':
        await submitRectification(ctx, m.payload, m.id)
        result = { id: m.id, status: 'applied', entity: { type: 'rectification', id: m.payload.orderId } }
        break
      case 'rectification.verify':
        await verifyRectification(ctx, m.payload, m.id)
        result = { id: m.id, status: 'applied', entity: { type: 'rectification', id: m.payload.orderId } }
        break
    }
  } catch (err) {
    if (!(err instanceof Rejection)) throw err
    result = rejected(m.id, err)
  }
  remember(ctx, inBatch, result, m.type)
  return result
}

function rejected(id: string, r: Rejection): MutationResult {
  return { id, status: 'rejected', reason: r.toJSON() }
}

function stripId(r: MutationResult) {
  const { id: _id, ...rest } = r
  return rest as Extract<MutationResult, { status: 'duplicate' }>['first']
}

function remember(ctx: PushContext, inBatch: Map<string, MutationResult>, r: MutationResult, type: string): void {
  inBatch.set(r.id, r)
  if (r.status !== 'duplicate') ctx.record(r.id, type, r.status, stripId(r))
}
