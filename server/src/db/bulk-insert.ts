// Inserting many rows of one table at once. On SQLite, whose single connection runs every statement of the open
// transaction, rows go through a prepared statement kept per table and column list: far cheaper than building,
// compiling and binding one statement of thousands of parameters. On PostgreSQL, multi-row inserts through Kysely.
import type SQLite from 'better-sqlite3'
import type { Insertable } from 'kysely'
import type { Database, Queryable } from './schema'

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>()

function prepared(raw: SQLite.Database, table: string, columns: string[]): SQLite.Statement {
  let cache = statements.get(raw)
  if (!cache) statements.set(raw, (cache = new Map()))
  const key = `${table}(${columns.join(',')})`
  let stmt = cache.get(key)
  if (!stmt) {
    stmt = raw.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => '@' + c).join(', ')})`)
    cache.set(key, stmt)
  }
  return stmt
}

/**
 * Inserts `rows` (all with the same columns) into `table`. `raw` is the SQLite handle when the database is
 * SQLite; it must be the connection that `db` (a transaction) runs on.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Queryable,
  raw: SQLite.Database | undefined,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return
  if (raw) {
    const stmt = prepared(raw, table, Object.keys(rows[0]!))
    for (const row of rows) stmt.run(row)
    return
  }
  for (let i = 0; i < rows.length; i += 400) await db.insertInto(table).values(rows.slice(i, i + 400) as never).execute()
}
