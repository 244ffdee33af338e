// Building blocks shared by every record: ids, points, money, months, decimals, bilingual text.
import { z } from 'zod'
import { bilingual } from '../validation'

/** Client-generated record id (UUID), so a record has its identity before it ever reaches the server. */
export const Id = z.uuid()
export type Id = z.infer<typeof Id>

/** Points in thousandths (0.3 points = 300), so that sums never drift. */
export const Points = z.number().int().min(0).max(100_000)
export type Points = z.infer<typeof Points>

/** Money in integer fen. */
export const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** A calendar month in the city's time zone, `YYYY-MM`. */
export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, bilingual('月份须为 YYYY-MM 格式', 'month must be YYYY-MM'))
export type Month = z.infer<typeof Month>

/** A quarter, `YYYY-Qn`. */
export const Quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, bilingual('季度须为 YYYY-Qn 格式', 'quarter must be YYYY-Qn'))
export type Quarter = z.infer<typeof Quarter>

/** An instant with its offset, as a device or the server wrote it. */
export const Instant = z.iso.datetime({ offset: true })
export type Instant = z.infer<typeof Instant>

/**
 * An exact decimal kept as text ("0.05"), so that policy numbers are parsed to exact fractions and
 * never pass through binary floating point.
 */
export const Decimal = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,9})?$/, bilingual('须为非负小数，如 0.05', 'must be a non-negative decimal such as 0.05'))
export type Decimal = z.infer<typeof Decimal>

/** SHA-256 of a photo's bytes, lower-case hex: a photo's address. */
export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, bilingual('须为 64 位小写十六进制 SHA-256', 'must be a 64-digit lower-case hex SHA-256'))
export type Sha256 = z.infer<typeof Sha256>

/** Six-digit GB/T 2260 administrative code, e.g. 230102 for 道里区. */
export const DistrictCode = z
  .string()
  .regex(/^\d{6}$/, bilingual('区划代码须为 6 位数字', 'district code must be 6 digits'))
export type DistrictCode = z.infer<typeof DistrictCode>

/** A WGS-84 position as the device's GPS reported it, with its accuracy radius. */
export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** 95 % radius in metres, as the Geolocation API reports it. */
  accuracy: z.number().min(0).max(100_000),
})
export type GeoPoint = z.infer<typeof GeoPoint>

export const Text = (max: number) => z.string().trim().max(max)
export const Name = z.strictObject({ zh: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) })
export type Name = z.infer<typeof Name>
