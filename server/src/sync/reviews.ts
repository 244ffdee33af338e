// Applying a supervisor's review: confirm, reject, send back, or restore a void finding.
import type { Review } from '@shared/domain'
import { rowToFinding } from '../repos/findings.repo'
import type { PushContext } from './push-context'
import { reject } from './reject'

const NEXT_STATUS = { confirm: 'confirmed', reject: 'rejected', send_back: 'sent_back', restore: 'submitted' } as const

export async function createReview(ctx: PushContext, review: Review, mutationId: string): Promise<void> {
  if (ctx.user.role !== 'supervisor' && ctx.user.role !== 'admin') reject('forbidden', '只有督查可以审核', 'only supervisors review findings')
  if (review.supervisorId !== ctx.user.id) reject('not_owner', '只能以本人身份审核', 'a review must be made under your own user id')
  const row = await ctx.findRow(review.findingId)
  if (!row) return reject('not_found', '找不到该扣分记录', 'no such finding')
  if (row.status === 'voided' && review.decision !== 'restore') reject('voided', '该记录已作废，须先恢复', 'the finding is void; restore it first')
  if (review.decision === 'restore' && row.status !== 'voided') reject('not_voided', '只有已作废的记录可以恢复', 'only a void finding can be restored')
  if (await ctx.db.selectFrom('reviews').select('id').where('id', '=', review.id).executeTakeFirst()) {
    reject('exists', '该编号的审核已存在', 'a review with this id already exists')
  }
  const before = rowToFinding(row)
  const status = NEXT_STATUS[review.decision]
  await ctx.db.insertInto('reviews').values({
    id: review.id,
    finding_id: review.findingId,
    supervisor_id: review.supervisorId,
    decision: review.decision,
    reason: review.reason,
    at: review.at,
  }).execute()
  await ctx.db
    .updateTable('findings')
    .set({ status, needs_rereview: 0, updated_at: ctx.at, ...(review.decision === 'restore' ? { void_reason: null } : {}) })
    .where('id', '=', review.findingId)
    .execute()
  ctx.forgetRow(review.findingId)
  const scope = { audience: 'owner', districtCode: before.districtCode, ownerId: before.inspectorId, mutationId } as const
  ctx.change({ entity: 'review', id: review.id, op: 'upsert', data: review, ...scope })
  ctx.change({ entity: 'finding', id: before.id, op: 'upsert', data: { ...before, status }, old: { status: before.status }, ...scope })
}
