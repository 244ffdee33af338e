// The query of GET /api/findings: filters for the supervisor's map and list, each checked by the shared schemas
// so that a bad value is a 400 naming the field. Filters that take several values take them comma-separated.
import { z } from 'zod'
import { DistrictCode, FindingStatus, Id, ItemCode, Line, Month } from '@shared/domain'
import { bilingual } from '@shared/validation'
import { ApiError } from '../http/api-error'

export const MAX_LIST_LIMIT = 20_000
export const DEFAULT_LIST_LIMIT = 10_000

/** `a,b,c` → distinct values, each checked by `item`; room in the text for `max` UUIDs and their commas. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .string()
    .max(max * 37)
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    // The element schemas (enums, patterns) read strings; their declared input types are just narrower.
    .pipe(z.array(item).min(1).max(max) as unknown as z.ZodType<z.output<T>[], string[]>)

/** The session may ride in the query (a CSV link, an EventSource); a cache-buster `_` is let through. */
const session = {
  access_token: z.string().max(200).optional(),
  device: z.string().max(100).optional(),
  _: z.string().max(40).optional(),
}

export const ListQuery = z.strictObject({
  month: Month.optional(),
  district: list(DistrictCode, 50).optional(),
  line: list(Line, 5).optional(),
  item: list(ItemCode, 200).optional(),
  /** Without it every status but voided; ask for `voided` to see void findings. */
  status: list(FindingStatus, 5).optional(),
  inspector: list(Id, 200).optional(),
  photo: z.enum(['with', 'without']).optional(),
  duplicates: z.literal('only').optional(),
  /** Just these findings: what a screen asks for after a live notice. */
  ids: list(Id, 500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
  cursor: z.string().max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** CSV header and words: `both` (Chinese with English in parentheses), `zh` or `en`. */
  lang: z.enum(['zh', 'en', 'both']).default('both'),
  ...session,
})
export type ListQuery = z.output<typeof ListQuery>

export const DuplicatesQuery = z.strictObject({
  month: Month,
  district: list(DistrictCode, 50).optional(),
  metres: z.coerce.number().min(1).max(1000).default(30),
  minutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  ...session,
})

export const IdPath = z.strictObject({ id: Id })

export const MergeBody = z.strictObject({
  into: Id,
  reason: z.string().trim().min(1, bilingual('合并须填写理由', 'a reason is required to merge')).max(500),
})

export const MAX_REVIEW_MANY = 1000

export const ReviewManyBody = z.strictObject({
  ids: z
    .array(Id)
    .min(1)
    .max(MAX_REVIEW_MANY)
    .refine((ids) => new Set(ids).size === ids.length, bilingual('编号不能重复', 'ids must not repeat')),
  decision: z.literal('confirm'),
  /** A client id for this request: sending it again with the same ids replays the first answers instead of reviewing twice. */
  requestId: Id.optional(),
})

/** Keyset position in the list: recorded time (as stored) and id, both descending. */
export interface ListCursor {
  recordedAt: string
  id: string
}

export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([1, c.recordedAt, c.id])).toString('base64url')
}

export function decodeListCursor(s: string): ListCursor {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString())
    if (Array.isArray(v) && v[0] === 1 && typeof v[1] === 'string' && Id.safeParse(v[2]).success) return { recordedAt: v[1], id: v[2] }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('validation_failed', 'Invalid query — cursor: not a cursor this server gave out; list again without one', {
    issues: [{ field: 'cursor', code: 'invalid_format', zh: '分页游标无效，请不带游标重新查询', en: 'not a cursor this server gave out; list again without one' }],
  })
}
