// A finding (扣分记录): one deduction an inspector recorded on a street, against one checklist item.
import { z } from 'zod'
import { DistrictCode, GeoPoint, Id, Instant, Points, Sha256, Text } from './common.schema'
import { ItemCode } from './checklist.schema'
import { Line } from './line.schema'
import { bilingual } from '../validation'

export const FINDING_STATUSES = ['submitted', 'confirmed', 'rejected', 'sent_back', 'voided'] as const
export const FindingStatus = z.enum(FINDING_STATUSES)
export type FindingStatus = z.infer<typeof FindingStatus>

/** Count, area or length in the item's unit; at most two decimals so it converts to hundredths exactly. */
export const Quantity = z
  .number()
  .positive()
  .max(100_000)
  .refine((q) => Math.abs(Math.round(q * 100) - q * 100) < 1e-6, bilingual('数量最多两位小数', 'quantity has at most two decimals'))

export const Finding = z.strictObject({
  id: Id,
  checklistId: Id,
  checklistVersion: z.number().int().min(1),
  itemCode: ItemCode,
  line: Line,
  quantity: Quantity,
  /** quantity × the item's deduction per unit, half-up to a thousandth; before the item's monthly cap. */
  deduction: Points,
  location: GeoPoint,
  districtCode: DistrictCode,
  /** Set when the inspector chose a district other than the one the point falls in. */
  districtOverrideReason: Text(200).min(1).optional(),
  street: Text(200),
  note: Text(2000).default(''),
  photos: z.array(Sha256).max(12).default([]),
  inspectorId: Id,
  deviceId: z.string().min(1).max(100),
  /** When the device recorded it, with the device's offset; decides the finding's month. */
  recordedAt: Instant,
  status: FindingStatus.default('submitted'),
})
export type Finding = z.infer<typeof Finding>
export type FindingInput = z.input<typeof Finding>
