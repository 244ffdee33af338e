// Problem assignment sheets (问题交办单) and the district's rectification of them.
import { z } from 'zod'
import { DistrictCode, Id, Instant, Sha256, Text } from './common.schema'

export const RECTIFICATION_STATUSES = ['new', 'in_progress', 'submitted', 'verified', 'overdue', 'closed'] as const
export const RectificationStatus = z.enum(RECTIFICATION_STATUSES)
export type RectificationStatus = z.infer<typeof RectificationStatus>

export const Verification = z.strictObject({
  result: z.enum(['pass', 'fail']),
  inspectorId: Id,
  at: Instant,
  note: Text(1000).default(''),
  photos: z.array(Sha256).max(12).default([]),
})
export type Verification = z.infer<typeof Verification>

/** One round of supervision that found the sheet still overdue; round 1 is the deadline itself passing. */
export const OverdueRound = z.strictObject({ round: z.number().int().min(1).max(20), at: Instant })
export type OverdueRound = z.infer<typeof OverdueRound>

export const RectificationOrder = z.strictObject({
  id: Id,
  /** Human-readable sheet number, e.g. 哈城考〔2026〕11-023. */
  number: z.string().min(1).max(40),
  districtCode: DistrictCode,
  findingIds: z.array(Id).min(1).max(100),
  requirements: Text(2000).min(1),
  deadline: Instant,
  issuedBy: Id,
  issuedAt: Instant,
  status: RectificationStatus.default('new'),
  afterPhotos: z.array(Sha256).max(12).default([]),
  rectificationNote: Text(2000).default(''),
  verification: Verification.optional(),
  reworkCount: z.number().int().min(0).default(0),
  overdueRounds: z.array(OverdueRound).default([]),
})
export type RectificationOrder = z.infer<typeof RectificationOrder>
