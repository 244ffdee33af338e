// Issuing a problem assignment sheet: confirmed findings of one district, not on a sheet yet, a deadline ahead.
// The sheet, its findings, its number, its change-log entry and the district's WeCom message commit together;
// the live notices go out after.
// The sheet's id comes from the client, so sending the same request again returns the sheet already issued.
import { z } from 'zod'
import { Id, Instant, Text, type RectificationOrder } from '@shared/domain'
import { bilingual, type FieldIssue } from '@shared/validation'
import { monthOf } from '@shared/time'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import type { ChangeNotice } from '../live/bus'
import { queueNotice } from '../notify'
import { appendChanges } from '../sync/change-log'
import { cityTimeZone } from './city-time'
import { getOrder, insertOrder, sheetsOfFindings } from './orders.repo'
import { pulledSheet, sheetChange } from './pulled'
import { nextSheetSeq, sheetNumber } from './sheet-number'
import { isUniqueViolation } from './unique-violation'

/** A deadline further ahead than this is taken for a typing mistake. */
const MAX_DEADLINE_DAYS = 366

export const IssueRequest = z.strictObject({
  id: Id,
  findingIds: z
    .array(Id)
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, bilingual('同一条扣分记录不能重复列出', 'a finding is listed more than once')),
  requirements: Text(2000).min(1),
  deadline: Instant,
})
export type IssueRequest = z.infer<typeof IssueRequest>

export interface IssueOutcome {
  order: RectificationOrder
  /** False when this request repeated one already applied. */
  created: boolean
  notices: ChangeNotice[]
}

const issue = (field: string, code: string, zh: string, en: string): FieldIssue => ({ field, code, zh, en })

function checkDeadline(deadline: string, now: number): void {
  const ms = Date.parse(deadline)
  if (ms <= now) {
    throw ApiError.validation([issue('deadline', 'past', '整改期限须晚于当前时间', `the deadline ${deadline} has already passed`)])
  }
  if (ms - now > MAX_DEADLINE_DAYS * 86_400_000) {
    throw ApiError.validation([issue('deadline', 'too_far', `整改期限不能超过 ${MAX_DEADLINE_DAYS} 天`, `the deadline ${deadline} is more than ${MAX_DEADLINE_DAYS} days ahead`)])
  }
}

const sameRequest = (o: RectificationOrder, req: IssueRequest, user: AuthUser) =>
  o.issuedBy === user.id &&
  o.requirements === req.requirements &&
  Date.parse(o.deadline) === Date.parse(req.deadline) &&
  o.findingIds.join() === req.findingIds.join()

function idTaken(o: RectificationOrder): ApiError {
  return new ApiError('conflict', `A different sheet (${o.number}) was already issued under id ${o.id}: use a new id for a new sheet`, {
    reason: 'id_taken',
    id: o.id,
    number: o.number,
  })
}

/** Replays answer with the stored sheet; anything else under the same id is a conflict. */
async function replay(db: Queryable, req: IssueRequest, user: AuthUser): Promise<RectificationOrder | undefined> {
  const existing = await getOrder(db, req.id)
  if (!existing) return undefined
  if (!sameRequest(existing, req, user)) throw idTaken(existing)
  return existing
}

function alreadyOnSheet(findingId: string, index: number, sheet: { orderId: string; number: string }): ApiError {
  return new ApiError('conflict', `findingIds[${index}]: finding ${findingId} is already on sheet ${sheet.number}; a finding goes on one sheet only`, {
    reason: 'already_on_sheet',
    findingId,
    orderId: sheet.orderId,
    number: sheet.number,
    issues: [issue(`findingIds[${index}]`, 'already_on_sheet', `该扣分记录已列入交办单 ${sheet.number}`, `already on sheet ${sheet.number}`)],
  })
}

/** The findings, checked: all exist, all in the first one's district, all confirmed, none on a sheet yet. */
async function checkFindings(db: Queryable, ids: readonly string[]): Promise<string> {
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('districts as d', 'd.code', 'f.district_code')
    .select(['f.id', 'f.district_code', 'f.status', 'f.street', 'f.item_code', 'd.name_zh', 'd.name_en'])
    .where('f.id', 'in', [...ids])
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))

  const missing = ids.flatMap((id, i) => (byId.has(id) ? [] : [issue(`findingIds[${i}]`, 'not_found', `找不到扣分记录 ${id}`, `there is no finding ${id}`)]))
  if (missing.length) throw ApiError.validation(missing)

  const first = byId.get(ids[0]!)!
  const mixed = ids.flatMap((id, i) => {
    const f = byId.get(id)!
    return f.district_code === first.district_code
      ? []
      : [
          issue(
            `findingIds[${i}]`,
            'other_district',
            `扣分记录 ${id} 属于${f.name_zh}（${f.district_code}），而第一条属于${first.name_zh}（${first.district_code}）：一张交办单只发往一个区`,
            `finding ${id} is in ${f.name_en} (${f.district_code}) but the first finding is in ${first.name_en} (${first.district_code}): a sheet goes to one district`,
          ),
        ]
  })
  if (mixed.length) throw ApiError.validation(mixed)

  const unconfirmed = ids.flatMap((id, i) => {
    const f = byId.get(id)!
    return f.status === 'confirmed' ? [] : [{ i, id, f }]
  })
  if (unconfirmed.length) {
    const { i, id, f } = unconfirmed[0]!
    throw new ApiError(
      'conflict',
      `findingIds[${i}]: finding ${id} (${f.item_code}, ${f.street}) is ${f.status}, not confirmed: only findings a supervisor has confirmed go on a sheet`,
      {
        reason: 'not_confirmed',
        findingId: id,
        status: f.status,
        issues: unconfirmed.map((u) =>
          issue(`findingIds[${u.i}]`, 'not_confirmed', `扣分记录 ${u.id} 尚未确认（${u.f.status}），只有已确认的记录可以交办`, `finding ${u.id} is ${u.f.status}, not confirmed`),
        ),
      },
    )
  }

  const taken = await sheetsOfFindings(db, ids)
  const index = ids.findIndex((id) => taken.has(id))
  if (index >= 0) throw alreadyOnSheet(ids[index]!, index, taken.get(ids[index]!)!)
  return first.district_code
}

export async function issueSheet(db: Db, user: AuthUser, req: IssueRequest, opts: { prefix: string; now?: number }): Promise<IssueOutcome> {
  const now = opts.now ?? Date.now()
  const at = new Date(now).toISOString()
  const timeZone = await cityTimeZone(db.kysely, undefined, now)
  const month = monthOf(now, timeZone)
  try {
    return await db.kysely.transaction().execute(async (tx) => {
      const prior = await replay(tx, req, user)
      if (prior) return { order: prior, created: false, notices: [] }
      checkDeadline(req.deadline, now)
      const districtCode = await checkFindings(tx, req.findingIds)
      const order: RectificationOrder = {
        id: req.id,
        number: sheetNumber(opts.prefix, month, await nextSheetSeq(tx, month)),
        districtCode,
        findingIds: req.findingIds,
        requirements: req.requirements,
        deadline: req.deadline,
        issuedBy: user.id,
        issuedAt: at,
        status: 'new',
        afterPhotos: [],
        rectificationNote: '',
        reworkCount: 0,
        overdueRounds: [],
      }
      await insertOrder(tx, order, month, at)
      const notices = await appendChanges(tx, [{ ...sheetChange(await pulledSheet(tx, order)), actorId: user.id, deviceId: user.deviceId }], at)
      await queueNotice(tx, { kind: 'sheet_issued', orderId: order.id }, now)
      return { order, created: true, notices }
    })
  } catch (err) {
    // Lost a race: the same request (a replay) committed first — seen as its findings taken, or its id or a finding
    // colliding on a key — or the same id for something else, or a finding put on another sheet.
    const taken = err instanceof ApiError && err.details?.reason === 'already_on_sheet'
    if (!taken && (err instanceof ApiError || !isUniqueViolation(err))) throw err
    const prior = await replay(db.kysely, req, user)
    if (prior) return { order: prior, created: false, notices: [] }
    if (taken) throw err
    const sheets = await sheetsOfFindings(db.kysely, req.findingIds)
    const index = req.findingIds.findIndex((id) => sheets.has(id))
    if (index >= 0) throw alreadyOnSheet(req.findingIds[index]!, index, sheets.get(req.findingIds[index]!)!)
    throw err
  }
}
