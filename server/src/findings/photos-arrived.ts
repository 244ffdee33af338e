// Which of many photo hashes the server holds complete, in one query with the hashes as a single parameter (a
// PostgreSQL array, a JSON array walked by SQLite's json_each), however many rows a list has. Counting inside
// the list query instead leaves PostgreSQL guessing a hundred photos per finding and scanning the photos table
// once per row.
import { sql } from 'kysely'
import type { Db } from '../db/database'

export async function arrivedPhotos(db: Db, hashes: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(hashes)]
  if (wanted.length === 0) return new Set()
  const rows =
    db.dialect === 'postgres'
      ? await sql<{ sha256: string }>`select sha256 from photos where complete = 1 and sha256 = any(${wanted}::text[])`.execute(db.kysely)
      : await sql<{ sha256: string }>`select sha256 from photos where complete = 1 and sha256 in (select value from json_each(${JSON.stringify(wanted)}))`.execute(db.kysely)
  return new Set(rows.rows.map((r) => r.sha256))
}
