// The `photos` table: one row per photo the server has heard of, complete or still arriving. The blob store holds
// the bytes; this row says how many of them were confirmed to the uploader and whether the photo has been verified.
import type { Queryable } from '../db/schema'

export interface PhotoRecord {
  sha256: string
  /** The whole photo's size in bytes, as declared by the upload and checked when it completes. */
  size: number
  mime: string
  /** Bytes received and confirmed so far: where the next chunk must start. */
  received: number
  complete: boolean
  width: number | null
  height: number | null
  uploadedBy: string
  createdAt: string
}

type Row = { sha256: string; size: number; mime: string; received: number; complete: number; width: number | null; height: number | null; uploaded_by: string; created_at: string }

const toRecord = (r: Row): PhotoRecord => ({
  sha256: r.sha256,
  size: Number(r.size),
  mime: r.mime,
  received: Number(r.received),
  complete: Number(r.complete) === 1,
  width: r.width,
  height: r.height,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
})

export async function findPhoto(db: Queryable, sha256: string): Promise<PhotoRecord | null> {
  const row = await db.selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst()
  return row ? toRecord(row) : null
}

export async function findPhotos(db: Queryable, sha256s: string[]): Promise<PhotoRecord[]> {
  if (sha256s.length === 0) return []
  const rows = await db.selectFrom('photos').selectAll().where('sha256', 'in', sha256s).execute()
  return rows.map(toRecord)
}

/** Records the start of a chunked upload; an upload already recorded is left as it is. */
export async function startUpload(db: Queryable, p: { sha256: string; size: number; mime: string; uploadedBy: string; now: string }): Promise<void> {
  await db
    .insertInto('photos')
    .values({ sha256: p.sha256, size: p.size, mime: p.mime, received: 0, complete: 0, width: null, height: null, uploaded_by: p.uploadedBy, created_at: p.now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute()
}

/** Moves the confirmed offset from `from` to `to`; false when another request moved it first. */
export async function advanceUpload(db: Queryable, sha256: string, from: number, to: number): Promise<boolean> {
  const r = await db.updateTable('photos').set({ received: to }).where('sha256', '=', sha256).where('received', '=', from).where('complete', '=', 0).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Records a verified photo; the first uploader and time of a row that already existed are kept. */
export async function completePhoto(
  db: Queryable,
  p: { sha256: string; size: number; mime: string; width: number | null; height: number | null; uploadedBy: string; now: string },
): Promise<void> {
  const done = { size: p.size, mime: p.mime, received: p.size, complete: 1, width: p.width, height: p.height }
  await db
    .insertInto('photos')
    .values({ sha256: p.sha256, ...done, uploaded_by: p.uploadedBy, created_at: p.now })
    .onConflict((oc) => oc.column('sha256').doUpdateSet(done))
    .execute()
}

/** Forgets an upload that failed verification; a complete photo is never touched. */
export async function dropUpload(db: Queryable, sha256: string): Promise<void> {
  await db.deleteFrom('photos').where('sha256', '=', sha256).where('complete', '=', 0).execute()
}
