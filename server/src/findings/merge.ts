// Merging a duplicate into the finding it duplicates: the duplicate becomes void (a tombstone that names the
// finding it went into) and its photos are appended to the other's, so no evidence is lost. Both changes and
// their change-log rows commit together; the caller publishes the notices only after the commit.
import type { Selectable } from 'kysely'
import { encodeHlc } from '@shared/sync/hlc'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { FindingTable } from '../db/schema'
import { ApiError } from '../http/api-error'
import type { ChangeNotice } from '../live/bus'
import { rowToFinding } from '../repos/findings.repo'
import { appendChanges } from '../sync/change-log'

/** As many photos as a finding may carry (shared/domain/finding.schema.ts). */
const MAX_PHOTOS = 12

export interface MergeOutcome {
  merged: { id: string; status: 'voided'; voidReason: string }
  into: { id: string; photos: string[]; addedPhotos: string[] }
}

function refuse(message: string, details: Record<string, unknown>): never {
  throw new ApiError('conflict', message, details)
}

export async function mergeFinding(
  db: Db,
  user: AuthUser,
  sourceId: string,
  body: { into: string; reason: string },
  now = Date.now(),
): Promise<{ outcome: MergeOutcome; notices: ChangeNotice[] }> {
  const targetId = body.into
  if (sourceId === targetId) throw new ApiError('bad_request', 'A finding cannot be merged into itself', { id: sourceId })
  const at = new Date(now).toISOString()
  return db.kysely.transaction().execute(async (tx) => {
    // On PostgreSQL both rows are locked, in id order, so a concurrent merge or review waits instead of
    // writing over this one. SQLite runs one writer at a time already.
    let select = tx.selectFrom('findings').selectAll().where('id', 'in', [sourceId, targetId]).orderBy('id')
    if (db.dialect === 'postgres') select = select.forUpdate()
    const rows = await select.execute()
    const source = rows.find((r) => r.id === sourceId)
    const target = rows.find((r) => r.id === targetId)
    if (!source) throw new ApiError('not_found', 'There is no finding with this id', { id: sourceId })
    if (!target) throw new ApiError('not_found', `There is no finding ${targetId} to merge into`, { into: targetId })
    check(source, target)

    const sourcePhotos: string[] = JSON.parse(source.photos)
    const targetPhotos: string[] = JSON.parse(target.photos)
    const added = sourcePhotos.filter((p, i) => !targetPhotos.includes(p) && sourcePhotos.indexOf(p) === i)
    const photos = [...targetPhotos, ...added]
    if (photos.length > MAX_PHOTOS) {
      refuse(`Together the two findings have ${photos.length} different photos; a finding holds at most ${MAX_PHOTOS}`, { photos: photos.length })
    }
    const voidReason = `合并至 ${targetId}：${body.reason}`

    await tx.updateTable('findings').set({ status: 'voided', void_reason: voidReason, updated_at: at }).where('id', '=', sourceId).execute()
    if (added.length) {
      // The server's clock on the photos field: an edit a tablet made before it saw the merge loses to it
      // (and stays in the history as superseded) instead of dropping the merged photos.
      const clock: Record<string, string> = JSON.parse(target.field_clock)
      const ours = encodeHlc({ ms: now, counter: 0, device: 'server' })
      clock.photos = clock.photos && clock.photos > ours ? clock.photos : ours
      await tx
        .updateTable('findings')
        .set({ photos: JSON.stringify(photos), field_clock: JSON.stringify(clock), updated_at: at })
        .where('id', '=', targetId)
        .execute()
    }

    const before = rowToFinding(source)
    const into = rowToFinding(target)
    const by = { actorId: user.id, deviceId: user.deviceId, audience: 'owner' as const }
    const notices = await appendChanges(
      tx,
      [
        {
          ...by,
          entity: 'finding',
          id: sourceId,
          op: 'delete',
          districtCode: before.districtCode,
          ownerId: before.inspectorId,
          data: { ...before, status: 'voided' },
          old: { status: before.status, reason: voidReason, mergedInto: targetId },
        },
        {
          ...by,
          entity: 'finding',
          id: targetId,
          op: 'upsert',
          districtCode: into.districtCode,
          ownerId: into.inspectorId,
          data: { ...into, photos },
          old: { values: added.length ? { photos: targetPhotos } : {}, mergedFrom: sourceId, reason: body.reason },
        },
      ],
      at,
    )
    return {
      outcome: { merged: { id: sourceId, status: 'voided', voidReason }, into: { id: targetId, photos, addedPhotos: added } },
      notices,
    }
  })
}

/** Only the same problem in the same district can be merged, and only into a finding that still counts. */
function check(source: Selectable<FindingTable>, target: Selectable<FindingTable>): void {
  if (source.status === 'voided') refuse('This finding is already void; restore it before merging it', { id: source.id, status: source.status })
  if (target.status === 'voided') refuse('Cannot merge into a void finding: restore it first, or merge the other way', { into: target.id, status: target.status })
  if (target.status === 'rejected') {
    refuse('Cannot merge into a rejected finding: it does not count, so the evidence would be lost; merge the other way', { into: target.id, status: target.status })
  }
  if (source.item_code !== target.item_code) {
    refuse(`Cannot merge findings of different items (${source.item_code} and ${target.item_code}): they are different problems`, {
      itemCode: source.item_code,
      intoItemCode: target.item_code,
    })
  }
  if (source.district_code !== target.district_code) {
    refuse(`Cannot merge findings of different districts (${source.district_code} and ${target.district_code}): each district answers for its own`, {
      districtCode: source.district_code,
      intoDistrictCode: target.district_code,
    })
  }
}
