// The inspector's list of findings: each with its state on the way to the bureau, the reason when a supervisor
// or the server turned it down, and the ones waiting for the inspector's correction first. Pure.
import type { Checklist, Review } from '@shared/domain'
import { instantMs } from '@shared/time'
import type { LocalFinding, LocalPhoto } from '../../db/db'
import { findingState, type FindingState } from '../../sync/finding-state'

export const STATES: readonly FindingState[] = [
  'sent_back', 'refused', 'on_device', 'photo_uploading', 'synced', 'confirmed', 'rejected', 'voided',
]

/** States that wait for the inspector: a supervisor sent it back, or the server refused the last change. */
export const NEEDS_CORRECTION: ReadonlySet<FindingState> = new Set(['sent_back', 'refused'])

export interface FindingRow {
  finding: LocalFinding
  state: FindingState
  /** The supervisor's or the server's reason, in both languages where known. */
  reason: { zh: string; en: string } | null
  itemName: { zh: string; en: string } | null
  needsCorrection: boolean
}

export function itemNames(checklists: readonly Checklist[]): Map<string, { zh: string; en: string }> {
  const out = new Map<string, { zh: string; en: string }>()
  for (const c of checklists) for (const i of c.items) out.set(`${c.id}@${c.version}#${i.code}`, i.name)
  return out
}

/**
 * The supervisor's reason of each finding's latest review, where that review sent it back or rejected it. The
 * device usually has it on the finding already (reviewReason); this covers a review that arrived after it.
 */
export function latestReviewReasons(reviews: readonly Review[]): Map<string, string> {
  const latest = new Map<string, Review>()
  for (const r of reviews) {
    const held = latest.get(r.findingId)
    if (!held || instantMs(r.at) > instantMs(held.at)) latest.set(r.findingId, r)
  }
  const out = new Map<string, string>()
  for (const [id, r] of latest) if ((r.decision === 'send_back' || r.decision === 'reject') && r.reason) out.set(id, r.reason)
  return out
}

/** Whether the list needs the reviews of this finding to show its reason. */
export const lacksReason = (f: LocalFinding): boolean => (f.status === 'sent_back' || f.status === 'rejected') && !f.reviewReason

/** Rows, corrections first, then newest first. `photos` may be just the device's unfinished photos. */
export function findingRows(
  findings: readonly LocalFinding[],
  photos: readonly Pick<LocalPhoto, 'sha256' | 'done'>[],
  names: ReadonlyMap<string, { zh: string; en: string }>,
  reviewReasons: ReadonlyMap<string, string> = new Map(),
): FindingRow[] {
  const rows = findings.map((finding): FindingRow => {
    const state = findingState(finding, photos)
    const review = finding.reviewReason || reviewReasons.get(finding.id)
    const reason =
      state === 'refused' && finding.rejection
        ? { zh: finding.rejection.zh, en: finding.rejection.en }
        : (state === 'sent_back' || state === 'rejected') && review
          ? { zh: review, en: review }
          : null
    return {
      finding,
      state,
      reason,
      itemName: names.get(`${finding.checklistId}@${finding.checklistVersion}#${finding.itemCode}`) ?? null,
      needsCorrection: NEEDS_CORRECTION.has(state),
    }
  })
  const at = new Map(rows.map((r) => [r.finding.id, instantMs(r.finding.recordedAt)]))
  return rows.sort(
    (a, b) => Number(b.needsCorrection) - Number(a.needsCorrection) || at.get(b.finding.id)! - at.get(a.finding.id)!,
  )
}

export function countByState(rows: readonly FindingRow[]): Record<FindingState, number> {
  const out = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<FindingState, number>
  for (const r of rows) out[r.state]++
  return out
}
