// Others' photos of the sheets still being worked on, kept on the device so that a sheet reads the same offline:
// the before-photos (the inspector's) on the district's phone, the after-photos (the district's) on the
// inspector's tablet. Fetched after a pull, a bounded number per run; dropped once no open sheet shows them. A
// photo the device holds as its own (db.photos) is never fetched. Nothing here fails a sync: a photo that cannot
// come now is tried again after the next pull.
import type { KaopingDb, LocalRectification, SheetPhoto } from '../db/db'
import type { SyncContext } from './context'

/** Sheets whose photos are kept: those someone still has to act on or look at in the field. */
export const KEEP_PHOTOS_OF: ReadonlySet<string> = new Set(['new', 'in_progress', 'submitted', 'overdue'])
export const SHEET_PHOTOS_PER_RUN = 40

export interface SheetPhotoOptions {
  signal?: AbortSignal
  limit?: number
}

/** Every photo a sheet shows: its findings' before-photos, the after-photos, the re-inspection's photos. */
export function photosOfSheet(row: Pick<LocalRectification, 'findings' | 'order'>): string[] {
  return [...new Set([...row.findings.flatMap((f) => f.photos), ...row.order.afterPhotos, ...(row.order.verification?.photos ?? [])])]
}

/** Which photos the open sheets want, each with the sheets that show it. */
export async function wantedPhotos(db: KaopingDb): Promise<Map<string, string[]>> {
  const rows = await db.rectifications.where('status').anyOf([...KEEP_PHOTOS_OF]).toArray()
  const wanted = new Map<string, string[]>()
  for (const row of rows) for (const sha of photosOfSheet(row)) wanted.set(sha, [...(wanted.get(sha) ?? []), row.id])
  return wanted
}

export async function cacheSheetPhotos(ctx: SyncContext, opts: SheetPhotoOptions = {}): Promise<{ fetched: number }> {
  const { db } = ctx
  const missing = await db.transaction('rw', [db.rectifications, db.photos, db.sheetPhotos], async () => {
    const wanted = await wantedPhotos(db)
    const keys = [...wanted.keys()]
    const own = await db.photos.bulkGet(keys)
    const cached = await db.sheetPhotos.toArray()
    // No longer shown by an open sheet, or now held as the device's own: not needed here.
    const drop = cached.filter((p) => !wanted.has(p.sha256) || own[keys.indexOf(p.sha256)])
    await db.sheetPhotos.bulkDelete(drop.map((p) => p.sha256))
    const moved = cached.filter((p) => wanted.has(p.sha256) && wanted.get(p.sha256)!.join() !== p.orderIds.join())
    await db.sheetPhotos.bulkPut(moved.map((p) => ({ ...p, orderIds: wanted.get(p.sha256)! })))
    const have = new Set(cached.map((p) => p.sha256))
    return keys.filter((sha, i) => !own[i] && !have.has(sha)).map((sha) => ({ sha256: sha, orderIds: wanted.get(sha)! }))
  })

  let fetched = 0
  for (const want of missing.slice(0, opts.limit ?? SHEET_PHOTOS_PER_RUN)) {
    if (opts.signal?.aborted) break
    let res: Response
    try {
      res = await ctx.transport(`/photos/${want.sha256}`, { signal: opts.signal })
    } catch {
      break // no network: the rest would fail the same way
    }
    // Not arrived on the server yet (404, 409), or the session needs renewing: another run will try again.
    if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('image/')) {
      await res.body?.cancel().catch(() => undefined)
      if (res.status === 401 || res.status === 426) break
      continue
    }
    let blob: Blob
    try {
      blob = await res.blob()
    } catch {
      break
    }
    const row: SheetPhoto = { sha256: want.sha256, blob, orderIds: want.orderIds, cachedAt: ctx.now() }
    await db.sheetPhotos.put(row)
    fetched++
  }
  return { fetched }
}
