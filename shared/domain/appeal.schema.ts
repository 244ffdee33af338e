// Appeals (申诉): a district contests one deduction, within the policy's window after the month is published;
// a supervisor upholds the deduction or grants the appeal, which removes it from the score.
import { z } from 'zod'
import { DistrictCode, Id, Instant, Month, Sha256, Text } from './common.schema'

export const APPEAL_STATUSES = ['pending', 'upheld', 'granted'] as const
export const AppealStatus = z.enum(APPEAL_STATUSES)
export type AppealStatus = z.infer<typeof AppealStatus>

/** What a granted appeal did to the district's month: the deduction it removed and the composite before and after. */
export const AppealEffect = z.strictObject({
  /** Thousandths of a point taken off the finding's line (after the item's cap). */
  deductionRemoved: z.number().int().min(0),
  compositeBefore: z.string(),
  compositeAfter: z.string(),
})
export type AppealEffect = z.infer<typeof AppealEffect>

export const AppealDecision = z.strictObject({
  by: Id,
  at: Instant,
  note: Text(1000).default(''),
  effect: AppealEffect.optional(),
})
export type AppealDecision = z.infer<typeof AppealDecision>

export const Appeal = z.strictObject({
  id: Id,
  findingId: Id,
  districtCode: DistrictCode,
  /** The month of the finding, whose score the appeal may change. */
  month: Month,
  reason: Text(2000).min(1),
  /** Evidence photos, uploaded by hash like a finding's. */
  photos: z.array(Sha256).max(12).default([]),
  filedBy: Id,
  filedAt: Instant,
  status: AppealStatus.default('pending'),
  decision: AppealDecision.optional(),
})
export type Appeal = z.infer<typeof Appeal>

/** A district files an appeal; the id is the client's, so a retried request files it once. */
export const AppealRequest = z.strictObject({
  id: Id,
  findingId: Id,
  reason: Text(2000).min(1),
  photos: z.array(Sha256).max(12).default([]),
})
export type AppealRequest = z.infer<typeof AppealRequest>

export const AppealDecisionRequest = z.strictObject({
  decision: z.enum(['upheld', 'granted']),
  note: Text(1000).default(''),
})
export type AppealDecisionRequest = z.infer<typeof AppealDecisionRequest>
