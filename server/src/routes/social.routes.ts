// /api/media-exposures and /api/survey-scores: the two social inputs a supervisor enters by hand (DESIGN.md §1).
// The bureau writes them; a district user reads their own district's. Every write records who and when in the
// change log, and a month once published is frozen: its entries are no longer changed (409).
import { Hono } from 'hono'
import { z } from 'zod'
import { DistrictCode, MediaExposure, Month, Points, type Name, type SurveyScore } from '@shared/domain'
import type { Entity } from '@shared/sync/protocol'
import { monthOf } from '@shared/time'
import type { AppEnv } from '../app'
import { allow, authenticate, type AuthUser } from '../auth/middleware'
import type { MediaExposureTable, Queryable } from '../db/schema'
import { DownloadQuery, tableDownload } from '../export/table-response'
import { mediaColumns, surveyColumns } from '../export/social-tables'
import { ApiError } from '../http/api-error'
import { check, parseJson, parseQuery } from '../http/validate'
import { bureauAndDistricts, districtScope } from '../rectification/access'
import { cityTimeZone } from '../rectification/city-time'
import { isUniqueViolation } from '../rectification/unique-violation'
import { appendChanges } from '../sync/change-log'

/** Until 'media' and 'survey' are in the sync protocol's ENTITIES. */
const MEDIA_ENTITY = 'media' as Entity
const SURVEY_ENTITY = 'survey' as Entity

/** A device clock a few minutes ahead is not a story published in the future. */
const CLOCK_TOLERANCE_MS = 5 * 60_000

const MediaEntry = MediaExposure.omit({ enteredBy: true })
const MediaQuery = z.object({ month: Month.optional(), district: DistrictCode.optional(), ...DownloadQuery })
const SurveyQuery = z.object({ month: Month, district: DistrictCode.optional(), ...DownloadQuery })
const SurveyPath = z.strictObject({ month: Month, district: DistrictCode })
const SurveyBody = z.strictObject({ score: Points })
const IdPath = z.strictObject({ id: z.uuid() })

const fieldError = (field: string, code: string, zh: string, en: string) => ApiError.validation([{ field, code, zh, en }])

async function refusePublished(db: Queryable, month: string, what: string): Promise<void> {
  const row = await db.selectFrom('published_months').select('published_at').where('month', '=', month).executeTakeFirst()
  if (row) {
    throw new ApiError('conflict', `${month} was published on ${row.published_at.slice(0, 10)}: its ${what} are frozen and can no longer be changed`, {
      reason: 'published',
      month,
    })
  }
}

async function districtNames(db: Queryable): Promise<Map<string, Name>> {
  const rows = await db.selectFrom('districts').select(['code', 'name_zh', 'name_en']).execute()
  return new Map(rows.map((d) => [d.code, { zh: d.name_zh, en: d.name_en }]))
}

async function userNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute()
  return new Map(rows.map((u) => [u.id, u.display_name]))
}

type MediaRecord = z.infer<typeof MediaExposure>
function rowToMedia(r: MediaExposureTable): MediaRecord {
  return {
    id: r.id,
    districtCode: r.district_code,
    ...(r.line ? { line: r.line as MediaRecord['line'] } : {}),
    month: r.month,
    outlet: r.outlet,
    title: r.title,
    ...(r.url ? { url: r.url } : {}),
    publishedAt: r.published_at,
    deduction: r.deduction,
    enteredBy: r.entered_by,
  }
}

const MEDIA_FIELDS = ['id', 'districtCode', 'line', 'month', 'outlet', 'title', 'url', 'deduction', 'enteredBy'] as const
const sameMedia = (a: MediaRecord, b: MediaRecord) =>
  MEDIA_FIELDS.every((k) => a[k] === b[k]) && Date.parse(a.publishedAt) === Date.parse(b.publishedAt)

async function requireDistrict(db: Queryable, code: string, field: string | null): Promise<void> {
  if (await db.selectFrom('districts').select('code').where('code', '=', code).executeTakeFirst()) return
  if (field) throw fieldError(field, 'not_found', `没有区划代码为 ${code} 的区`, `there is no district ${code}`)
  throw new ApiError('not_found', `There is no district ${code}`, { districtCode: code })
}

const audit = (user: AuthUser) => ({ actorId: user.id, deviceId: user.deviceId })

export const mediaExposureRoutes = new Hono<AppEnv>()
  .use(authenticate)
  .post('/', allow('supervisor', 'admin'), async (c) => {
    const entry = await parseJson(c, MediaEntry)
    const user = c.var.user!
    const db = c.var.db.kysely
    const record: MediaRecord = { ...entry, enteredBy: user.id }
    const timeZone = await cityTimeZone(db, entry.month)
    const month = monthOf(entry.publishedAt, timeZone)
    if (month !== entry.month) {
      throw fieldError('month', 'month_mismatch', `发布时间 ${entry.publishedAt} 属于 ${month}（${timeZone}），与所填月份 ${entry.month} 不符`,
        `publishedAt ${entry.publishedAt} falls in ${month} in ${timeZone}, not in ${entry.month}`)
    }
    if (Date.parse(entry.publishedAt) > Date.now() + CLOCK_TOLERANCE_MS) {
      throw fieldError('publishedAt', 'future', '发布时间不能晚于当前时间', `publishedAt ${entry.publishedAt} is in the future`)
    }
    await requireDistrict(db, entry.districtCode, 'districtCode')
    const at = new Date().toISOString()
    // A replay answers with the stored entry; the same id for anything else is a conflict.
    const replay = async (q: Queryable) => {
      const prior = await q.selectFrom('media_exposures').selectAll().where('id', '=', entry.id).executeTakeFirst()
      if (!prior) return undefined
      const stored = rowToMedia(prior)
      if (!sameMedia(stored, record)) {
        throw new ApiError('conflict', `Another media exposure is already stored under id ${entry.id}: use a new id for a new entry`, { reason: 'id_taken', id: entry.id })
      }
      return { record: stored, created: false, notices: [] }
    }
    const outcome = await db
      .transaction()
      .execute(async (tx) => {
        const prior = await replay(tx)
        if (prior) return prior
        await refusePublished(tx, entry.month, 'media exposures')
        await tx
          .insertInto('media_exposures')
          .values({
            id: record.id,
            district_code: record.districtCode,
            line: record.line ?? null,
            month: record.month,
            outlet: record.outlet,
            title: record.title,
            url: record.url ?? null,
            published_at: record.publishedAt,
            deduction: record.deduction,
            entered_by: record.enteredBy,
          })
          .execute()
        const notices = await appendChanges(tx, [{ entity: MEDIA_ENTITY, id: record.id, op: 'upsert', audience: 'district', districtCode: record.districtCode, data: record, ...audit(user) }], at)
        return { record, created: true, notices }
      })
      .catch(async (err: unknown) => {
        // The same entry sent twice at once: the second insert meets the first on the key.
        const prior = isUniqueViolation(err) ? await replay(db) : undefined
        if (prior) return prior
        throw err
      })
    if (outcome.notices.length) await c.var.bus.publish(outcome.notices)
    return c.json(outcome.record, outcome.created ? 201 : 200)
  })
  .get('/', bureauAndDistricts('Media exposures'), async (c) => {
    const q = parseQuery(c, MediaQuery)
    const db = c.var.db.kysely
    const districtCode = districtScope(c.var.user!, q.district)
    let query = db.selectFrom('media_exposures').selectAll()
    if (q.month) query = query.where('month', '=', q.month)
    if (districtCode) query = query.where('district_code', '=', districtCode)
    const rows = await query.orderBy('month').orderBy('district_code').orderBy('id').execute()
    const names = await userNames(db, rows.map((r) => r.entered_by))
    const items = rows
      .map(rowToMedia)
      .sort((a, b) => a.month.localeCompare(b.month) || a.districtCode.localeCompare(b.districtCode) || Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.id.localeCompare(b.id))
      .map((m) => ({ ...m, enteredByName: names.get(m.enteredBy) ?? null }))
    if (q.format === 'json') return c.json({ items })
    const districts = await districtNames(db)
    const rowsOut = items.map(({ enteredByName, ...m }) => ({ m, district: districts.get(m.districtCode), enteredBy: enteredByName }))
    const name = ['kaoping-media', q.month, districtCode].filter(Boolean).join('-')
    return tableDownload(c, q.format, { sheet: '媒体曝光', columns: mediaColumns(await cityTimeZone(db, q.month)), rows: rowsOut, lang: q.lang }, name)
  })
  .delete('/:id', allow('supervisor', 'admin'), async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    const user = c.var.user!
    const at = new Date().toISOString()
    const outcome = await c.var.db.kysely.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('media_exposures').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw new ApiError('not_found', `There is no media exposure ${id}`, { id })
      await refusePublished(tx, row.month, 'media exposures')
      const record = rowToMedia(row)
      const { numDeletedRows } = await tx.deleteFrom('media_exposures').where('id', '=', id).executeTakeFirstOrThrow()
      // Removed by a concurrent request between the read and the delete: one tombstone is enough.
      if (Number(numDeletedRows) === 0) throw new ApiError('not_found', `There is no media exposure ${id}`, { id })
      // The row goes (the engine counts every row of the month); the log keeps what it was, who removed it and when.
      const notices = await appendChanges(tx, [{ entity: MEDIA_ENTITY, id, op: 'delete', audience: 'district', districtCode: record.districtCode, old: record, ...audit(user) }], at)
      return { record, notices }
    })
    await c.var.bus.publish(outcome.notices)
    return c.json({ deleted: outcome.record })
  })

export const surveyScoreRoutes = new Hono<AppEnv>()
  .use(authenticate)
  .put('/:month/:district', allow('supervisor', 'admin'), async (c) => {
    const { month, district } = check(SurveyPath, c.req.param(), 'path')
    const { score } = await parseJson(c, SurveyBody)
    const user = c.var.user!
    const db = c.var.db.kysely
    await requireDistrict(db, district, null)
    const now = Date.now()
    const current = monthOf(now, await cityTimeZone(db, undefined, now))
    if (month > current) throw fieldError('month', 'future', `${month} 尚未到来，不能录入调查得分`, `${month} has not begun: its survey cannot have taken place`)
    const at = new Date(now).toISOString()
    const record: SurveyScore = { districtCode: district, month, score, enteredBy: user.id, enteredAt: at }
    const outcome = await db.transaction().execute(async (tx) => {
      await refusePublished(tx, month, 'survey scores')
      const prior = await tx.selectFrom('survey_scores').selectAll().where('district_code', '=', district).where('month', '=', month).executeTakeFirst()
      // An upsert, so that two supervisors entering the same score at once do not collide on the key.
      await tx
        .insertInto('survey_scores')
        .values({ district_code: district, month, score, entered_by: user.id, entered_at: at })
        .onConflict((oc) => oc.columns(['district_code', 'month']).doUpdateSet({ score, entered_by: user.id, entered_at: at }))
        .execute()
      const old = prior ? { districtCode: district, month, score: prior.score, enteredBy: prior.entered_by, enteredAt: prior.entered_at } : undefined
      const notices = await appendChanges(
        tx,
        [{ entity: SURVEY_ENTITY, id: `${district}@${month}`, op: 'upsert', audience: 'district', districtCode: district, data: record, old, ...audit(user) }],
        at,
      )
      return { created: !prior, notices }
    })
    await c.var.bus.publish(outcome.notices)
    return c.json(record, outcome.created ? 201 : 200)
  })
  .get('/', bureauAndDistricts('Survey scores'), async (c) => {
    const q = parseQuery(c, SurveyQuery)
    const db = c.var.db.kysely
    const user = c.var.user!
    const districtCode = districtScope(user, q.district)
    let query = db.selectFrom('survey_scores').selectAll().where('month', '=', q.month)
    if (districtCode) query = query.where('district_code', '=', districtCode)
    const rows = await query.orderBy('district_code').execute()
    const names = await userNames(db, rows.map((r) => r.entered_by))
    const items = rows.map((r) => ({
      districtCode: r.district_code,
      month: r.month,
      score: r.score,
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
      enteredByName: names.get(r.entered_by) ?? null,
    }))
    const districts = await districtNames(db)
    if (q.format === 'json') {
      const entered = new Set(items.map((i) => i.districtCode))
      const missing = [...districts.keys()].filter((code) => !entered.has(code) && (!districtCode || code === districtCode)).sort()
      const published = await db.selectFrom('published_months').select('month').where('month', '=', q.month).executeTakeFirst()
      return c.json({ month: q.month, published: !!published, items, missing })
    }
    const rowsOut = items.map(({ enteredByName, ...s }) => ({ s, district: districts.get(s.districtCode), enteredBy: enteredByName }))
    const name = ['kaoping-survey', q.month, districtCode].filter(Boolean).join('-')
    return tableDownload(c, q.format, { sheet: '城调队测评', columns: surveyColumns(await cityTimeZone(db, q.month)), rows: rowsOut, lang: q.lang }, name)
  })
