// GET /api/health: liveness, the version, and which database is in use.
import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app'

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, version } = c.var
  await sql`select 1`.execute(db.kysely)
  return c.json({ status: 'ok', version, database: db.dialect })
})
