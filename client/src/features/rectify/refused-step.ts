// A step the server refused, as a draft to correct and send again: its note and verdict, and its photos from the
// device (which keeps them until the server has confirmed them).
import { db, type LocalPhoto } from '../../db/db'
import { entriesOf } from '../../sync/mutations'
import type { SheetDraft } from './sheet-draft'

export async function refusedStepDraft(orderId: string, type: 'rectification.submit' | 'rectification.verify'): Promise<SheetDraft | null> {
  const refused = (await entriesOf(db, orderId)).filter((e) => e.status === 'rejected' && e.mutation.type === type).at(-1)
  if (!refused) return null
  const m = refused.mutation
  const hashes = m.type === 'rectification.submit' ? m.payload.afterPhotos : m.type === 'rectification.verify' ? m.payload.photos : []
  const held = (await db.photos.bulkGet(hashes)).filter((p): p is LocalPhoto => !!p)
  return {
    note: m.type === 'rectification.submit' || m.type === 'rectification.verify' ? m.payload.note : '',
    result: m.type === 'rectification.verify' ? m.payload.result : null,
    photos: held.map((p) => ({ sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.size, stamp: p.stamp })),
  }
}
