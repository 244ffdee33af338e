// /api/findings: the supervisor's workspace. The list behind the map (filters, compact rows, CSV), one finding in
// full (item, deduction worked out, reviews, history, photos, duplicates), a month's possible duplicates, merging
// one finding into another, and confirming many at once. Single reviews are not made here: a supervisor's
// browser is a device and pushes review.create mutations through /api/sync/push like any other.
import { Hono } from 'hono'
import type { AppEnv } from '../app'
import { allow, authenticate } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { check, parseJson, parseQuery } from '../http/validate'
import { csvResponse } from '../scores/csv'
import { assertFilters } from '../findings/access'
import { findingsCsv } from '../findings/csv'
import { findingDetail } from '../findings/detail'
import { listDuplicatePairs } from '../findings/duplicate-list'
import { listFindings } from '../findings/list'
import { DuplicatesQuery, IdPath, ListQuery, MergeBody, ReviewManyBody } from '../findings/list-query'
import { mergeFinding } from '../findings/merge'
import { reviewMany } from '../findings/review-many'

export const findingRoutes = new Hono<AppEnv>()
  .use(authenticate)
  // Every role lists, each only what it may see: the bureau all, a district its confirmed findings, an inspector theirs.
  .get('/', async (c) => {
    const q = parseQuery(c, ListQuery)
    const list = await listFindings(c.var.db, c.var.user!, q)
    if (q.format === 'csv') {
      if (list.more) throw new ApiError('bad_request', `More than ${q.limit} findings match: narrow the filters or raise limit for the CSV`, { limit: q.limit })
      return csvResponse(c, findingsCsv(list.rows, q.lang), `kaoping-findings-${q.month ?? 'all'}.csv`)
    }
    return c.json(list)
  })
  .get('/duplicates', allow('supervisor', 'admin'), async (c) => {
    const q = parseQuery(c, DuplicatesQuery)
    assertFilters(c.var.user!, q)
    return c.json(await listDuplicatePairs(c.var.db, q.month, { maxMetres: q.metres, maxMinutes: q.minutes }, q.district))
  })
  .post('/review-many', allow('supervisor', 'admin'), async (c) => {
    const body = await parseJson(c, ReviewManyBody)
    const { results, notices } = await reviewMany(c.var.db, c.var.user!, body)
    await c.var.bus.publish(notices)
    return c.json({
      results,
      confirmed: results.filter((r) => r.confirmed).length,
      rejected: results.filter((r) => !r.confirmed).length,
    })
  })
  .get('/:id', async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    return c.json(await findingDetail(c.var.db, c.var.user!, id))
  })
  .post('/:id/merge', allow('supervisor', 'admin'), async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    const body = await parseJson(c, MergeBody)
    const { outcome, notices } = await mergeFinding(c.var.db, c.var.user!, id, body)
    await c.var.bus.publish(notices)
    return c.json(outcome)
  })
