// The record screen's draft: the whole form, photos included as their processed Blobs, kept in db.drafts so a
// reload, a crash or an app update loses nothing. toDraft makes a plain copy (IndexedDB cannot clone Vue's
// proxies); fromDraft checks the shape and gives null for anything it cannot trust, so a damaged draft is dropped
// rather than breaking the screen.
import { z } from 'zod'
import { GeoPoint, Line } from '@shared/domain'
import { db } from '../../db/db'
import type { RecordForm } from './record-form'

export const DRAFT_VERSION = 1

/** The new-record draft; an edit of finding X keeps its own draft, so the two never overwrite each other. */
export const draftId = (findingId?: string): string => (findingId ? `record:${findingId}` : 'record')

// A photo taken before the first GPS fix is stamped "no fix": its coordinates are NaN.
const Coordinate = z.union([z.number(), z.nan()])

const Stamp = z.object({
  at: z.string(),
  lat: Coordinate,
  lng: Coordinate,
  accuracy: Coordinate,
  inspector: z.string(),
  item: z.string(),
})

const DraftPhoto = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  blob: z.instanceof(Blob),
  mime: z.string(),
  size: z.number().int().min(0),
  stamp: Stamp,
})

const DraftValue = z.object({
  v: z.literal(DRAFT_VERSION),
  form: z.object({
    line: Line,
    item: z.object({ checklistId: z.string(), checklistVersion: z.number().int(), code: z.string() }).nullable(),
    quantity: z.string(),
    keptPhotos: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
    photos: z.array(DraftPhoto),
    location: GeoPoint.nullable(),
    followGps: z.boolean(),
    districtOverride: z.string().nullable(),
    overrideReason: z.string(),
    street: z.string(),
    note: z.string(),
  }),
})
export type DraftValue = z.infer<typeof DraftValue>

export function toDraft(form: RecordForm): DraftValue {
  return {
    v: DRAFT_VERSION,
    form: {
      line: form.line,
      item: form.item ? { ...form.item } : null,
      quantity: form.quantity,
      keptPhotos: [...form.keptPhotos],
      photos: form.photos.map((p) => ({ sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.size, stamp: { ...p.stamp } })),
      location: form.location ? { lat: form.location.lat, lng: form.location.lng, accuracy: form.location.accuracy } : null,
      followGps: form.followGps,
      districtOverride: form.districtOverride,
      overrideReason: form.overrideReason,
      street: form.street,
      note: form.note,
    },
  }
}

export function fromDraft(value: unknown): RecordForm | null {
  const parsed = DraftValue.safeParse(value)
  return parsed.success ? parsed.data.form : null
}

export async function saveDraft(id: string, form: RecordForm, table = db.drafts): Promise<void> {
  await table.put({ id, value: toDraft(form), savedAt: Date.now() })
}

export async function loadDraft(id: string, table = db.drafts): Promise<RecordForm | null> {
  const row = await table.get(id)
  return row ? fromDraft(row.value) : null
}

export async function clearDraft(id: string, table = db.drafts): Promise<void> {
  await table.delete(id)
}
