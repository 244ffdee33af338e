// The supervisor's decisions as requests. A single review is a review.create mutation from this browser's device,
// pushed through /api/sync/push like any device's write (server/src/sync/reviews.ts): the supervisor works online
// at a desk, so it is sent at once and its answer shown, never queued in the tablet's outbox. Confirming many is
// one POST per thousand, idempotent by request id; merging is POST /api/findings/:id/merge.
import { Review, type ReviewDecision } from '@shared/domain'
import type { MutationResult, PushResponse } from '@shared/sync/protocol'
import { validate, type FieldIssue } from '@shared/validation'
import type { ApiResult } from '../../api/client'
import { apiProblem, rejectionProblem, type Problem } from './problems'
import type { MergeOutcome, ReviewManyResponse } from './types'

/** The calls this module makes; the app passes the API client, tests a stand-in that records them. */
export interface Transport {
  post<T>(path: string, body: unknown): Promise<ApiResult<T>>
}

export interface DecisionContext {
  deviceId: string
  supervisorId: string
  /** The device's next clock value (the sync module's nextHlc). */
  hlc(): Promise<string>
  /** A new UUID. */
  newId(): string
  now(): number
  /** Hears the server's clock after a push, so the device's next value is later. */
  observe?(hlc: string): unknown
}

export interface DecisionInput {
  findingId: string
  decision: ReviewDecision
  /** The reason of a rejection, the question of a send-back; ignored for confirm and restore. */
  reason?: string
}

/** The review as the schema wants it, with the reason trimmed (and empty for confirm and restore). */
export function reviewPayload(input: DecisionInput, ctx: Pick<DecisionContext, 'supervisorId' | 'newId' | 'now'>): Review {
  const needsReason = input.decision === 'reject' || input.decision === 'send_back'
  return {
    id: ctx.newId(),
    findingId: input.findingId,
    supervisorId: ctx.supervisorId,
    decision: input.decision,
    reason: needsReason ? (input.reason ?? '').trim() : '',
    at: new Date(ctx.now()).toISOString(),
  }
}

/** The shared schema's objections to a review before it is sent (a reject or send-back without words, say). */
export function reviewIssues(review: Review): FieldIssue[] {
  const checked = validate(Review, review)
  return checked.ok ? [] : checked.issues
}

export type DecisionOutcome = { ok: true; reviewId: string } | { ok: false; problem: Problem; issues?: FieldIssue[] }

function issuesProblem(issues: FieldIssue[]): Problem {
  return { zh: issues.map((i) => i.zh).join('；'), en: issues.map((i) => i.en).join('; ') }
}

/** Sends one decision and says how it ended: applied (also when the server had it already) or why not. */
export async function decide(api: Transport, ctx: DecisionContext, input: DecisionInput): Promise<DecisionOutcome> {
  const review = reviewPayload(input, ctx)
  const issues = reviewIssues(review)
  if (issues.length) return { ok: false, problem: issuesProblem(issues), issues }
  const mutation = { id: ctx.newId(), type: 'review.create' as const, hlc: await ctx.hlc(), payload: review }
  const res = await api.post<PushResponse>('/sync/push', { deviceId: ctx.deviceId, mutations: [mutation] })
  if (!res.ok) return { ok: false, problem: apiProblem(res.status, res.error) }
  if (res.data.hlc) ctx.observe?.(res.data.hlc)
  const result = res.data.results.find((r) => r.id === mutation.id)
  return outcomeOf(result, review.id)
}

function outcomeOf(result: MutationResult | undefined, reviewId: string): DecisionOutcome {
  if (!result) return { ok: false, problem: { key: 'review.errors.noAnswer' } }
  if (result.status === 'applied') return { ok: true, reviewId }
  if (result.status === 'rejected') return { ok: false, problem: rejectionProblem(result.reason) }
  const first = result.first as { status: 'applied' | 'rejected'; reason?: Parameters<typeof rejectionProblem>[0] }
  if (first.status === 'applied') return { ok: true, reviewId }
  return { ok: false, problem: first.reason ? rejectionProblem(first.reason) : { key: 'review.errors.noAnswer' } }
}

/** Most findings one review-many request takes (server/src/findings/list-query.ts MAX_REVIEW_MANY). */
export const CONFIRM_BATCH = 1000

export interface ConfirmManyOutcome {
  confirmed: string[]
  refused: { findingId: string; problem: Problem }[]
  /** A request the server did not answer with results: these ids were not decided. */
  failed: { ids: string[]; problem: Problem } | null
}

/** Confirms many findings, a thousand per request, each request with its own id so a retry replays it. */
export async function confirmMany(api: Transport, ids: readonly string[], newId: () => string): Promise<ConfirmManyOutcome> {
  const out: ConfirmManyOutcome = { confirmed: [], refused: [], failed: null }
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += CONFIRM_BATCH) {
    const chunk = unique.slice(i, i + CONFIRM_BATCH)
    const res = await api.post<ReviewManyResponse>('/findings/review-many', { ids: chunk, decision: 'confirm', requestId: newId() })
    if (!res.ok) {
      out.failed = { ids: unique.slice(i), problem: apiProblem(res.status, res.error) }
      break
    }
    for (const r of res.data.results) {
      if (r.confirmed) out.confirmed.push(r.findingId)
      else out.refused.push({ findingId: r.findingId, problem: r.reason ? rejectionProblem(r.reason) : { key: 'review.errors.noAnswer' } })
    }
  }
  return out
}

export type MergeResult = { ok: true; outcome: MergeOutcome } | { ok: false; problem: Problem }

/** Merges `sourceId` into `into`: the source becomes void and its photos join the target's. */
export async function mergeInto(api: Transport, sourceId: string, into: string, reason: string): Promise<MergeResult> {
  const text = reason.trim()
  if (!text) return { ok: false, problem: { key: 'review.errors.mergeReason' } }
  const res = await api.post<MergeOutcome>(`/findings/${encodeURIComponent(sourceId)}/merge`, { into, reason: text })
  return res.ok ? { ok: true, outcome: res.data } : { ok: false, problem: apiProblem(res.status, res.error) }
}
