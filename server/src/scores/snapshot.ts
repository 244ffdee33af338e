// One consistent read of a month's inputs: a month is scored, hashed and frozen from a single snapshot, so
// a write committed half-way through the reads cannot make the hash and the result disagree.
import type { Transaction } from 'kysely'
import type { Db } from '../db/database'
import type { Database } from '../db/schema'

export function snapshot<T>(db: Db, run: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  const tx = db.kysely.transaction()
  // PostgreSQL's default (read committed) takes a new snapshot per statement; SQLite in WAL mode keeps the
  // snapshot of a transaction's first read until it ends, and its one connection serialises writers anyway.
  return (db.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(run)
}
