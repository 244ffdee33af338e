// The databases every storage test runs against: SQLite always, PostgreSQL when a test server is given.
// In CI (REQUIRE_PG=1) PostgreSQL must be there; elsewhere its tests skip with a printed reason.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase, type DialectName, type Db } from '../../server/src/db/database'

export const PG_URL = process.env.TEST_DATABASE_URL
export const REQUIRE_PG = process.env.REQUIRE_PG === '1'

if (REQUIRE_PG && !PG_URL) throw new Error('REQUIRE_PG=1 but TEST_DATABASE_URL is not set')
if (!PG_URL) console.warn('PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgresql://root@/kaoping_test?host=/var/run/postgresql) to run them')

/** Dialects to run; DIALECTS=sqlite narrows the list. */
export const DIALECTS: DialectName[] = (['sqlite', 'postgres'] as const).filter(
  (d) => (d === 'sqlite' || PG_URL) && (!process.env.DIALECTS || process.env.DIALECTS.split(',').includes(d)),
)

export interface TestDatabase {
  /** What to give the server: a data directory and, on PostgreSQL, a database URL. */
  config: { dataDir: string; databaseUrl?: string }
  open(): Db
  drop(): Promise<void>
}

/** A fresh, empty database of the given dialect, used by one test file. */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-test-'))
  if (dialect === 'sqlite') {
    return {
      config: { dataDir },
      open: () => openDatabase({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const name = `kaoping_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_URL!)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  return {
    config: { dataDir, databaseUrl },
    open: () => openDatabase({ dataDir, databaseUrl }),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
