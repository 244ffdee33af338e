// GET /api/districts: the districts and their WGS-84 boundaries (public reference data).
import { Hono } from 'hono'
import type { AppEnv } from '../app'
import { listDistricts } from '../repos/districts.repo'

export const districtRoutes = new Hono<AppEnv>().get('/', async (c) => {
  return c.json({ districts: await listDistricts(c.var.db.kysely) })
})
