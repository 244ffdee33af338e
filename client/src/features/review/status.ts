// How a finding's status looks on the review map and in the list: the inspector map's colour for the same state,
// so the two maps read alike, and which status a counted dot shows.
import type { FindingStatus } from '@shared/domain'
import { STATE_COLOURS } from '../map/marker-state'

export const STATUS_COLOURS: Record<FindingStatus, string> = {
  submitted: STATE_COLOURS.synced,
  confirmed: STATE_COLOURS.confirmed,
  rejected: STATE_COLOURS.rejected,
  sent_back: STATE_COLOURS.sent_back,
  voided: STATE_COLOURS.voided,
}

/** Which status a counted dot shows: the first of these among its findings (what still waits for a decision). */
export const STATUS_URGENCY: readonly FindingStatus[] = ['submitted', 'sent_back', 'rejected', 'confirmed', 'voided']

export function clusterStatus(statuses: Iterable<FindingStatus>): FindingStatus {
  let best = STATUS_URGENCY.length - 1
  for (const s of statuses) best = Math.min(best, STATUS_URGENCY.indexOf(s))
  return STATUS_URGENCY[best]!
}
