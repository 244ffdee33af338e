// Drafts of the district's submission and the inspector's re-inspection, kept in db.drafts as they are typed (after-
// photos as their processed Blobs, like the record screen's), so a reload or a crash loses nothing. Each sheet has
// its own; the write that sends the step clears it in the same transaction. A damaged draft reads as none.
import { z } from 'zod'
import { db } from '../../db/db'
import type { FormPhoto } from '../record/record-form'

export const SHEET_DRAFT_VERSION = 1

export const submitDraftId = (orderId: string) => `rectify:${orderId}`
export const verifyDraftId = (orderId: string) => `reinspect:${orderId}`

export interface SheetDraft {
  note: string
  photos: FormPhoto[]
  /** The re-inspection's verdict; null until chosen (and always for a submission). */
  result: 'pass' | 'fail' | null
}

export const emptySheetDraft = (): SheetDraft => ({ note: '', photos: [], result: null })

// A photo taken before the first GPS fix is stamped "no fix": its coordinates are NaN.
const Coordinate = z.union([z.number(), z.nan()])

const DraftValue = z.object({
  v: z.literal(SHEET_DRAFT_VERSION),
  note: z.string(),
  result: z.enum(['pass', 'fail']).nullable(),
  photos: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      blob: z.instanceof(Blob),
      mime: z.string(),
      size: z.number().int().min(0),
      stamp: z.object({ at: z.string(), lat: Coordinate, lng: Coordinate, accuracy: Coordinate, inspector: z.string(), item: z.string() }),
    }),
  ),
})

export const isEmptyDraft = (d: SheetDraft) => !d.note.trim() && !d.photos.length && d.result === null

/** A plain copy (IndexedDB cannot clone Vue's proxies). */
export function toStored(d: SheetDraft): z.infer<typeof DraftValue> {
  return {
    v: SHEET_DRAFT_VERSION,
    note: d.note,
    result: d.result,
    photos: d.photos.map((p) => ({ sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.size, stamp: { ...p.stamp } })),
  }
}

export function fromStored(value: unknown): SheetDraft | null {
  const parsed = DraftValue.safeParse(value)
  return parsed.success ? { note: parsed.data.note, result: parsed.data.result, photos: parsed.data.photos } : null
}

/** Saves the draft; an empty one is removed instead. */
export async function saveSheetDraft(id: string, d: SheetDraft, table = db.drafts): Promise<void> {
  if (isEmptyDraft(d)) await table.delete(id)
  else await table.put({ id, value: toStored(d), savedAt: Date.now() })
}

export async function loadSheetDraft(id: string, table = db.drafts): Promise<SheetDraft | null> {
  const row = await table.get(id)
  return row ? fromStored(row.value) : null
}
