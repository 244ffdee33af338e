// /api/rectifications: problem assignment sheets (问题交办单). The bureau issues a sheet from confirmed findings of
// one district, with requirements and a deadline, and supervises an overdue one again (督办); the bureau reads every
// sheet, a district user their own district's. The list also downloads as CSV or XLSX, and each sheet prints as an
// A4 page. The district's and the inspectors' work on a sheet goes through the sync protocol (sync/rectifications.ts).
import { Hono } from 'hono'
import { z } from 'zod'
import { DistrictCode, Id, Month, RectificationStatus } from '@shared/domain'
import type { AppEnv } from '../app'
import { allow, assertDistrict, authenticate } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { check, parseJson, parseQuery } from '../http/validate'
import { DownloadQuery, tableDownload } from '../export/table-response'
import { districtScope, sheetReaders } from '../rectification/access'
import { cityTimeZone } from '../rectification/city-time'
import { IssueRequest, issueSheet } from '../rectification/issue'
import { listOrders } from '../rectification/orders.repo'
import { SuperviseRequest, superviseAgain } from '../rectification/overdue'
import { printPage } from '../rectification/print-page'
import { districtBoundary, sheetDetail } from '../rectification/sheet-detail'
import { DEFAULT_SHEET_PREFIX } from '../rectification/sheet-number'
import { sheetColumns } from '../rectification/sheet-table'

export interface RectificationRouteOptions {
  /** The issuing office's prefix of sheet numbers, 哈城考 by default. */
  prefix?: string
}

// Not strict: the session may ride in the query string (access_token, device), and a cache-buster must not fail.
const ListQuery = z.object({
  district: DistrictCode.optional(),
  status: RectificationStatus.optional(),
  /** Month of issue. */
  month: Month.optional(),
  ...DownloadQuery,
})
const IdPath = z.strictObject({ id: Id })

/** A page opened in a new tab came with its credentials in the query; its thumbnails need them too. */
function photoQuery(authorization: string | undefined, token: string | undefined, device: string | undefined): string {
  if (authorization?.startsWith('Bearer ') || !token || !device) return ''
  return `?${new URLSearchParams({ access_token: token, device })}`
}

export function createRectificationRoutes(opts: RectificationRouteOptions = {}) {
  const prefix = opts.prefix ?? DEFAULT_SHEET_PREFIX
  return new Hono<AppEnv>()
    .use(authenticate)
    .post('/', allow('supervisor', 'admin'), async (c) => {
      const req = await parseJson(c, IssueRequest)
      const { order, created, notices } = await issueSheet(c.var.db, c.var.user!, req, { prefix })
      if (notices.length) await c.var.bus.publish(notices)
      return c.json(order, created ? 201 : 200)
    })
    // A further round of supervision on a sheet still overdue: its penalty escalates (DESIGN.md §3). The body may
    // name the round meant (`{ "round": 2 }`), so that a repeated request adds nothing.
    .post('/:id/supervise', allow('supervisor', 'admin'), async (c) => {
      const { id } = check(IdPath, c.req.param(), 'path')
      const text = await c.req.text()
      let body: unknown = {}
      if (text.trim()) {
        try {
          body = JSON.parse(text)
        } catch {
          throw new ApiError('bad_request', 'The body is not valid JSON')
        }
      }
      const req = check(SuperviseRequest, body, 'body')
      const { order, changed, notices } = await superviseAgain(c.var.db, c.var.user!, id, req)
      if (notices.length) await c.var.bus.publish(notices)
      return c.json(order, changed ? 201 : 200)
    })
    .get('/', sheetReaders, async (c) => {
      const q = parseQuery(c, ListQuery)
      const user = c.var.user!
      const districtCode = districtScope(user, q.district)
      const orders = await listOrders(c.var.db.kysely, { districtCode, status: q.status, month: q.month })
      if (q.format === 'json') return c.json({ items: orders })
      const db = c.var.db.kysely
      const districts = await db.selectFrom('districts').select(['code', 'name_zh', 'name_en']).execute()
      const names = new Map(districts.map((d) => [d.code, { zh: d.name_zh, en: d.name_en }]))
      const issuerIds = [...new Set(orders.map((o) => o.issuedBy))]
      const users = issuerIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', issuerIds).execute() : []
      const issuers = new Map(users.map((u) => [u.id, u.display_name]))
      const rows = orders.map((order) => ({ order, district: names.get(order.districtCode), issuer: issuers.get(order.issuedBy) ?? null }))
      const timeZone = await cityTimeZone(db, q.month)
      const name = ['kaoping-rectifications', q.month, districtCode, q.status].filter(Boolean).join('-')
      return tableDownload(c, q.format, { sheet: '问题交办单', columns: sheetColumns(timeZone), rows, lang: q.lang }, name)
    })
    .get('/:id', sheetReaders, async (c) => {
      const { id } = check(IdPath, c.req.param(), 'path')
      const detail = await sheetDetail(c.var.db.kysely, id)
      if (!detail) throw new ApiError('not_found', `There is no sheet ${id}`, { id })
      assertDistrict(c.var.user!, detail.order.districtCode)
      return c.json(detail)
    })
    // The A4 page. A browser opening it in a new tab passes ?access_token=&device=, which `authenticate` reads.
    .get('/:id/print', sheetReaders, async (c) => {
      const { id } = check(IdPath, c.req.param(), 'path')
      const db = c.var.db.kysely
      const detail = await sheetDetail(db, id)
      if (!detail) throw new ApiError('not_found', `There is no sheet ${id}`, { id })
      assertDistrict(c.var.user!, detail.order.districtCode)
      const html = printPage(detail, {
        timeZone: await cityTimeZone(db),
        boundary: await districtBoundary(db, detail.order.districtCode),
        photoQuery: photoQuery(c.req.header('authorization'), c.req.query('access_token'), c.req.query('device')),
      })
      return c.html(html, 200, {
        // The page may carry the session in its thumbnail URLs: keep it out of caches and other sites' logs.
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
      })
    })
}

export const rectificationRoutes = createRectificationRoutes()
