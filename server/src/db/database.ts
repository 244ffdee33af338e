// Opens the database: an SQLite file in the data directory by default, PostgreSQL when a URL is given.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Database } from './schema'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  dialect: DialectName
  /** The SQLite connection itself, for bulk inserts inside a transaction (db/bulk-insert.ts). */
  sqlite?: SQLite.Database
  close(): Promise<void>
}

// int8 (bigint columns, count(*)) arrives as text by default; our values are far inside the safe range.
pg.types.setTypeParser(20, (v) => Number(v))

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Db {
  if (opts.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
    }
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() }
  }
  mkdirSync(opts.dataDir, { recursive: true })
  const file = openSqliteFile(join(opts.dataDir, 'kaoping.sqlite'))
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) })
  return { kysely, dialect: 'sqlite', sqlite: file, close: () => kysely.destroy() }
}

/** The server's SQLite file with the server's settings; benchmarks open their raw baseline through it too. */
export function openSqliteFile(path: string): SQLite.Database {
  const file = new SQLite(path)
  file.pragma('journal_mode = WAL')
  file.pragma('synchronous = NORMAL')
  // Checkpoint every ~16 MB of log rather than SQLite's 4 MB: a burst of pushes then copies its pages into the
  // database (with its fsync) a few times instead of after nearly every batch.
  file.pragma('wal_autocheckpoint = 4000')
  file.pragma('foreign_keys = ON')
  file.pragma('busy_timeout = 5000')
  return file
}
