// Confirming many findings at once. Each confirmation is a review.create mutation from the supervisor's own
// device, applied by the same push as any other device's, so the rules, the change log and replay are those
// of sync: one code path for a review whichever screen it came from. All of them commit in one transaction.
import { createHash, randomUUID } from 'node:crypto'
import type { MutationRejection, MutationResult } from '@shared/sync/protocol'
import { encodeHlc } from '@shared/sync/hlc'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { ChangeNotice } from '../live/bus'
import { push } from '../sync/push'

export interface ReviewManyResult {
  findingId: string
  /** `applied` now, `duplicate` when this request was answered before (same requestId), or `rejected`. */
  status: 'applied' | 'duplicate' | 'rejected'
  /** Whether this finding's confirmation took effect, now or the first time. */
  confirmed: boolean
  reviewId?: string
  reason?: MutationRejection
}

/** A UUID (version 8, RFC 9562) derived from a request id and a finding: a replayed request yields the same ids. */
function derivedId(requestId: string, findingId: string, what: string): string {
  const h = createHash('sha256').update(`${requestId}/${findingId}/${what}`).digest('hex')
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export async function reviewMany(
  db: Db,
  user: AuthUser,
  body: { ids: string[]; decision: 'confirm'; requestId?: string },
  now = Date.now(),
): Promise<{ results: ReviewManyResult[]; notices: ChangeNotice[] }> {
  const at = new Date(now).toISOString()
  const id = (findingId: string, what: string) => (body.requestId ? derivedId(body.requestId, findingId, what) : randomUUID())
  const mutations = body.ids.map((findingId, i) => ({
    id: id(findingId, 'mutation'),
    type: 'review.create',
    hlc: encodeHlc({ ms: now, counter: i % 0x10000, device: user.deviceId }),
    payload: { id: id(findingId, 'review'), findingId, supervisorId: user.id, decision: body.decision, reason: '', at },
  }))
  const request = { deviceId: user.deviceId, mutations }
  let outcome
  try {
    outcome = await push(db.kysely, db.sqlite, user, request, now)
  } catch (err) {
    // The same request sent twice at once: the second loses on the mutations key; run it again as a replay.
    if (!body.requestId || !isUniqueViolation(err)) throw err
    outcome = await push(db.kysely, db.sqlite, user, request, now)
  }
  const results = outcome.results.map((r: MutationResult, i): ReviewManyResult => {
    const findingId = body.ids[i]!
    const reviewId = mutations[i]!.payload.id
    if (r.status === 'applied') return { findingId, status: 'applied', confirmed: true, reviewId }
    if (r.status === 'rejected') return { findingId, status: 'rejected', confirmed: false, reason: r.reason }
    // `first` is the first answer without its id; Omit over the union keeps only the shared fields' types.
    const first = r.first as { status: 'applied' | 'rejected'; reason?: MutationRejection }
    return first.status === 'applied'
      ? { findingId, status: 'duplicate', confirmed: true, reviewId }
      : { findingId, status: 'duplicate', confirmed: false, ...(first.reason ? { reason: first.reason } : {}) }
  })
  return { results, notices: outcome.notices }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '')
}
