// Saving from the record screen. The outbox writes the finding, its photos and its outbox entry in one
// transaction; these wrappers open that transaction a little wider so that clearing the screen's draft (and
// remembering the item and street) commits with it. A crash can then never leave both a saved finding and the
// draft it came from, which a second tap would save again under a new id.
import type { Finding } from '@shared/domain'
import type { FindingChanges } from '@shared/sync/protocol'
import { db, getMeta, setMeta } from '../../db/db'
import { editFinding, recordFinding, voidFinding, type LocalWrite, type PhotoInput } from '../../sync/outbox'
import { draftId } from './draft'
import { pushRecent } from './item-search'
import type { FormPhoto } from './record-form'

export type { LocalWrite }

const toInput = (p: FormPhoto): PhotoInput => ({ sha256: p.sha256, blob: p.blob, mime: p.mime, stamp: { ...p.stamp } })

/** Records a new finding and forgets the new-record draft, in one transaction. */
export async function saveNew(finding: Finding, photos: readonly FormPhoto[]): Promise<LocalWrite> {
  return db.transaction('rw', [db.findings, db.photos, db.outbox, db.meta, db.drafts], async () => {
    const result = await recordFinding({ finding, photos: photos.map(toInput) })
    if (!result.ok) return result
    await db.drafts.delete(draftId())
    await setMeta('recentItems', pushRecent((await getMeta<string[]>('recentItems')) ?? [], finding.itemCode))
    if (finding.street) await setMeta('lastStreet', finding.street)
    await setMeta('lastLine', finding.line)
    return result
  })
}

/** Sends an edit of an existing finding (new photos with it) and forgets that finding's draft. */
export async function saveEdit(id: string, changes: FindingChanges, photos: readonly FormPhoto[]): Promise<LocalWrite> {
  return db.transaction('rw', [db.findings, db.photos, db.outbox, db.meta, db.checklists, db.drafts], async () => {
    const fresh = new Set(changes.photos ?? [])
    const result = await editFinding(id, changes, { photos: photos.filter((p) => fresh.has(p.sha256)).map(toInput) })
    if (!result.ok) return result
    await db.drafts.delete(draftId(id))
    if (changes.itemCode) {
      await setMeta('recentItems', pushRecent((await getMeta<string[]>('recentItems')) ?? [], changes.itemCode))
    }
    return result
  })
}

export async function voidWithReason(id: string, reason: string): Promise<LocalWrite> {
  return db.transaction('rw', [db.findings, db.outbox, db.meta, db.drafts], async () => {
    const result = await voidFinding(id, reason)
    if (result.ok) await db.drafts.delete(draftId(id))
    return result
  })
}
