// /api/scores: a month's scores (preliminary, or frozen once published), one district's explanation, funding,
// publishing and verifying a month, and the quarter's ranking; tables also as CSV or XLSX (?format=csv|xlsx).
// Scores are derived from findings and the social records: no route writes a score, publishing only freezes one.
import { Hono } from 'hono'
import { z } from 'zod'
import { DistrictCode, Month, Quarter } from '@shared/domain'
import { bilingual } from '@shared/validation'
import type { AppEnv } from '../app'
import { allow, authenticate, type AuthUser } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { check, parseQuery } from '../http/validate'
import { DownloadQuery, tableDownload } from '../export/table-response'
import { mayRead, scoreReaders } from '../scores/access'
import { fundingSheet, monthSheet, quarterSheet } from '../scores/csv-tables'
import { districtView } from '../scores/district-view'
import { fundingTable } from '../scores/funding-table'
import { monthView, type MonthView } from '../scores/month-view'
import { publishMonth } from '../scores/publish'
import { quarterView } from '../scores/quarter-view'
import { verifyMonth } from '../scores/verify'

// The engine reckons a month up to the start of the next one, so 9999-12 cannot be scored; nor is anything before 1970.
const ScoredMonth = Month.refine((m) => m >= '1970-01' && m <= '9998-12', bilingual('月份超出可评分的范围（1970-01 至 9998-12）', 'month is outside the range that can be scored (1970-01 … 9998-12)'))
const MonthPath = z.strictObject({ month: ScoredMonth })
const DistrictPath = z.strictObject({ month: ScoredMonth, code: DistrictCode })
const QuarterPath = z.strictObject({ quarter: Quarter })

// Not strict: the session may ride in the query string (access_token, device), and a cache-buster must not fail.
const ReadQuery = z.object({
  /** Force a live result of this mode; `published` on a published month is its frozen result. */
  mode: z.enum(['preliminary', 'published']).optional(),
  ...DownloadQuery,
})

/** What the file is, for its name: published, preliminary or computed as published; and whose, for a district user. */
function fileTag(view: MonthView, user: AuthUser): string {
  const kind = view.source === 'frozen' ? 'published' : view.result.mode === 'preliminary' ? 'preliminary' : 'computed'
  return user.role === 'district' ? `${kind}-${user.districtCode}` : kind
}

export const scoreRoutes = new Hono<AppEnv>()
  .use(authenticate, scoreReaders)
  // Every district's result for the month; a district user gets their own row only.
  .get('/months/:month', async (c) => {
    const { month } = check(MonthPath, c.req.param(), 'path')
    const q = parseQuery(c, ReadQuery)
    const user = c.var.user!
    const view = await monthView(c.var.db, month, user, q.mode)
    if (q.format !== 'json') return tableDownload(c, q.format, monthSheet(view, q.lang), `kaoping-scores-${month}-${fileTag(view, user)}`)
    return c.json(view)
  })
  .get('/months/:month/districts/:code', async (c) => {
    const { month, code } = check(DistrictPath, c.req.param(), 'path')
    const q = parseQuery(c, ReadQuery.omit({ format: true, lang: true }))
    const user = c.var.user!
    if (!mayRead(user, code)) throw new ApiError('forbidden', 'That belongs to another district: a district user sees only their own scores')
    const district = await c.var.db.kysely.selectFrom('districts').select(['code', 'name_zh', 'name_en']).where('code', '=', code).executeTakeFirst()
    if (!district) throw new ApiError('not_found', `There is no district ${code}`, { districtCode: code })
    return c.json(await districtView(c.var.db, month, code, { zh: district.name_zh, en: district.name_en }, user, q.mode))
  })
  // Funding per district and funded line, from the same result the month route shows.
  .get('/months/:month/funding', async (c) => {
    const { month } = check(MonthPath, c.req.param(), 'path')
    const q = parseQuery(c, ReadQuery)
    const user = c.var.user!
    const view = await monthView(c.var.db, month, user, q.mode)
    const table = fundingTable(view.result)
    if (q.format !== 'json') {
      return tableDownload(c, q.format, fundingSheet(month, table.rows, view.districtNames, q.lang), `kaoping-funding-${month}-${fileTag(view, user)}`)
    }
    return c.json({
      month,
      published: view.published,
      source: view.source,
      note: view.note,
      mode: view.result.mode,
      preliminary: view.result.preliminary,
      policyVersion: view.result.policyVersion,
      ...table,
      ...(view.changedSincePublished !== undefined ? { changedSincePublished: view.changedSincePublished } : {}),
      ...(view.current ? { current: fundingTable(view.current.result) } : {}),
      districtNames: view.districtNames,
    })
  })
  .post('/months/:month/publish', allow('supervisor', 'admin'), async (c) => {
    const { month } = check(MonthPath, c.req.param(), 'path')
    const user = c.var.user!
    await publishMonth(c.var.db, month, user)
    return c.json(await monthView(c.var.db, month, user, 'published'), 201)
  })
  .get('/months/:month/verify', allow('supervisor', 'admin'), async (c) => {
    const { month } = check(MonthPath, c.req.param(), 'path')
    return c.json(await verifyMonth(c.var.db, month))
  })
  // The quarter's ranking over its three published months. District users read it whole: rankings are
  // announced to every district at the quarterly review meeting, so the table is no district's secret.
  .get('/quarters/:quarter', async (c) => {
    const { quarter } = check(QuarterPath, c.req.param(), 'path')
    const q = parseQuery(c, ReadQuery.omit({ mode: true }))
    const view = await quarterView(c.var.db, quarter)
    if (q.format !== 'json') return tableDownload(c, q.format, quarterSheet(view, q.lang), `kaoping-quarter-${quarter}`)
    return c.json(view)
  })
