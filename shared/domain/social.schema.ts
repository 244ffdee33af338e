// The "3" of 1+3: citizens' complaints (随手拍), media exposures and the survey team's scores.
import { z } from 'zod'
import { DistrictCode, GeoPoint, Id, Instant, Month, Points, Sha256, Text } from './common.schema'
import { Line } from './line.schema'

export const COMPLAINT_STATUSES = ['received', 'accepted', 'not_accepted', 'handled', 'closed'] as const

export const Complaint = z.strictObject({
  id: Id,
  districtCode: DistrictCode,
  category: Text(60).min(1),
  description: Text(4000).min(1),
  location: GeoPoint.optional(),
  address: Text(200).default(''),
  photos: z.array(Sha256).max(6).default([]),
  status: z.enum(COMPLAINT_STATUSES).default('received'),
  receivedAt: Instant,
  /** Set when accepted (受理); `accepted: false` with a time means it was declined. */
  accepted: z.boolean().optional(),
  acceptedAt: Instant.optional(),
  handlingDeadline: Instant.optional(),
  handledAt: Instant.optional(),
  /** The citizen's rating after handling (回访): satisfied or not; absent until rated. */
  satisfied: z.boolean().optional(),
  ratedAt: Instant.optional(),
})
export type Complaint = z.infer<typeof Complaint>

export const MediaExposure = z.strictObject({
  id: Id,
  districtCode: DistrictCode,
  line: Line.optional(),
  month: Month,
  outlet: Text(100).min(1),
  title: Text(300).min(1),
  url: z.url().max(2000).optional(),
  publishedAt: Instant,
  /** Points deducted from the media score, thousandths. */
  deduction: Points.min(1),
  enteredBy: Id,
})
export type MediaExposure = z.infer<typeof MediaExposure>

export const SurveyScore = z.strictObject({
  districtCode: DistrictCode,
  month: Month,
  /** The survey team's score, 0–100 in thousandths. */
  score: Points,
  enteredBy: Id,
  enteredAt: Instant,
})
export type SurveyScore = z.infer<typeof SurveyScore>
