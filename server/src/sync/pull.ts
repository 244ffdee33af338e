// Pull: changes after an opaque cursor, scoped to what the caller may see, oldest first.
//
// On SQLite writers are serialised, so the change log's sequence is commit order. On PostgreSQL a sequence
// value is taken before commit, so a transaction that commits late would land behind a cursor that already
// passed it. Each change therefore carries its transaction id, and a pull only delivers changes of transactions
// older than the oldest one still running (pg_snapshot_xmin): nothing behind the cursor can appear afterwards.
import { sql } from 'kysely'
import type { Db } from '../db/database'
import type { AuthUser } from '../auth/middleware'
import { ApiError } from '../http/api-error'

export interface Cursor {
  tx: string
  seq: number
}

export const START: Cursor = { tx: '0', seq: 0 }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`1.${c.tx}.${c.seq}`).toString('base64url')
}

export function decodeCursor(s: string | undefined): Cursor {
  if (!s) return START
  const m = /^1\.(\d{1,20})\.(\d{1,16})$/.exec(Buffer.from(s, 'base64url').toString())
  if (!m) {
    throw new ApiError('validation_failed', 'Invalid query — cursor: not a cursor this server gave out; pull from the start without one', {
      issues: [{ field: 'cursor', code: 'invalid_format', zh: '同步游标无效，请不带游标重新同步', en: 'not a cursor this server gave out; pull without one to start over' }],
    })
  }
  return { tx: m[1]!, seq: Number(m[2]) }
}

interface Row {
  seq: number
  tx: string
  entity: string
  entity_id: string
  op: string
  data: string | null
}

/** Returns the response body as JSON text: change data is stored as JSON and spliced in without re-parsing. */
export async function pull(db: Db, user: AuthUser, cursor: Cursor, limit: number): Promise<string> {
  const k = db.kysely
  const scope =
    user.role === 'supervisor' || user.role === 'admin'
      ? sql`true`
      : user.role === 'district'
        ? sql`(audience = 'public' or owner_id = ${user.id} or (audience = 'district' and district_code = ${user.districtCode}))`
        : user.role === 'inspector'
          ? // A sheet is logged once, for its district; an inspector also pulls every sheet covering a finding they
            // recorded (their re-inspection tasks). A sheet's findings are fixed when it is issued, in the same
            // transaction as its first change, so this reads the same for every change a pull may deliver.
            sql`(audience = 'public' or owner_id = ${user.id} or (entity = 'rectification' and entity_id in (
              select rf.order_id from rectification_findings rf inner join findings f on f.id = rf.finding_id where f.inspector_id = ${user.id})))`
          : sql`(audience = 'public' or owner_id = ${user.id})`
  const rows =
    db.dialect === 'postgres'
      ? (
          await sql<Row>`
            select seq, tx_id::text as tx, entity, entity_id, op, data from change_log
            where (tx_id, seq) > (${cursor.tx}::xid8, ${cursor.seq}::bigint)
              and tx_id < pg_snapshot_xmin(pg_current_snapshot())
              and ${scope}
            order by tx_id, seq limit ${limit + 1}`.execute(k)
        ).rows
      : (
          await sql<Row>`
            select seq, '0' as tx, entity, entity_id, op, data from change_log
            where seq > ${cursor.seq} and ${scope}
            order by seq limit ${limit + 1}`.execute(k)
        ).rows
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  const last = page.at(-1)
  const next = last ? { tx: String(last.tx), seq: Number(last.seq) } : cursor
  const parts = page.map(
    (r) => `{"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.entity_id)},"op":${JSON.stringify(r.op)}${r.data ? `,"data":${r.data}` : ''}}`,
  )
  return `{"changes":[${parts.join(',')}],"cursor":${JSON.stringify(encodeCursor(next))},"more":${more}}`
}
