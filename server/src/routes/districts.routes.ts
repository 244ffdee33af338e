// GET /api/districts: the districts and their WGS-84 boundaries (public reference data).
// GET /api/districts/:code/summary: a district's own page — score, what pulls it down, funding, open sheets.
import { Hono } from 'hono'
import { z } from 'zod'
import { DistrictCode, Month } from '@shared/domain'
import { monthOf } from '@shared/time'
import { bilingual } from '@shared/validation'
import type { AppEnv } from '../app'
import { allow, authenticate } from '../auth/middleware'
import { districtSummary } from '../district/summary'
import { ApiError } from '../http/api-error'
import { check, parseQuery } from '../http/validate'
import { cityTimeZone } from '../rectification/city-time'
import { listDistricts } from '../repos/districts.repo'
import { mayRead } from '../scores/access'

const CodePath = z.strictObject({ code: DistrictCode })
// Not strict: a cache-buster must not fail.
const SummaryQuery = z.object({
  // The engine reckons a month up to the start of the next one: the range the score routes take.
  month: Month.refine((m) => m >= '1970-01' && m <= '9998-12', bilingual('月份超出可评分的范围（1970-01 至 9998-12）', 'month is outside the range that can be scored (1970-01 … 9998-12)')).optional(),
})

export const districtRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    return c.json({ districts: await listDistricts(c.var.db.kysely) })
  })
  .get('/:code/summary', authenticate, allow('district', 'supervisor', 'admin'), async (c) => {
    const { code } = check(CodePath, c.req.param(), 'path')
    const q = parseQuery(c, SummaryQuery)
    const user = c.var.user!
    if (!mayRead(user, code)) throw new ApiError('forbidden', 'That belongs to another district: a district user sees only their own page')
    const db = c.var.db
    const district = await db.kysely.selectFrom('districts').select(['code', 'name_zh', 'name_en']).where('code', '=', code).executeTakeFirst()
    if (!district) throw new ApiError('not_found', `There is no district ${code}`, { districtCode: code })
    const month = q.month ?? monthOf(Date.now(), await cityTimeZone(db.kysely))
    return c.json(await districtSummary(db, user, code, { zh: district.name_zh, en: district.name_en }, month))
  })
