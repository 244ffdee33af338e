// Sheet numbers (文号) such as 哈城考〔2026〕11-001: the issuing office's prefix, the year in 〔〕, the month and a
// sequence that restarts every month.
import { sql } from 'kysely'
import { parseMonth } from '@shared/time'
import type { Queryable } from '../db/schema'

/** Harbin city-management assessment (哈尔滨市城市管理考评); another city passes its own to the routes. */
export const DEFAULT_SHEET_PREFIX = '哈城考'

export function sheetNumber(prefix: string, month: string, seq: number): string {
  const { year, month: m } = parseMonth(month)
  return `${prefix}〔${year}〕${String(m).padStart(2, '0')}-${String(seq).padStart(3, '0')}`
}

/**
 * The next sequence number of `month`. Run it inside the transaction that stores the sheet: the upsert holds the
 * month's counter row (PostgreSQL) or the write lock (SQLite) until commit, so concurrent issuers get 1, 2, 3 …
 * in turn, and a transaction that rolls back returns its number.
 */
export async function nextSheetSeq(tx: Queryable, month: string): Promise<number> {
  const row = await tx
    .insertInto('rectification_sequences')
    .values({ month, last_seq: 1 })
    .onConflict((oc) => oc.column('month').doUpdateSet({ last_seq: sql<number>`rectification_sequences.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return Number(row.last_seq)
}
