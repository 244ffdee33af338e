// A supervisor's decision on a finding.
import { z } from 'zod'
import { Id, Instant, Text } from './common.schema'
import { bilingual } from '../validation'

export const REVIEW_DECISIONS = ['confirm', 'reject', 'send_back', 'restore'] as const
export const ReviewDecision = z.enum(REVIEW_DECISIONS)
export type ReviewDecision = z.infer<typeof ReviewDecision>

export const Review = z
  .strictObject({
    id: Id,
    findingId: Id,
    supervisorId: Id,
    decision: ReviewDecision,
    /** Required to reject or send back: the inspector and the district read it. */
    reason: Text(1000).default(''),
    at: Instant,
  })
  .refine((r) => r.decision === 'confirm' || r.decision === 'restore' || r.reason.length > 0, {
    path: ['reason'],
    ...bilingual('驳回或退回须填写理由', 'a reason is required to reject or send back'),
  })
export type Review = z.infer<typeof Review>
