// Where a finding stands on its way from the tablet to the bureau, as the inspector's list shows it.
import type { LocalFinding, LocalPhoto } from '../db/db'

export type FindingState =
  /** Waiting in the outbox: recorded or changed here, not yet accepted by the server. */
  | 'on_device'
  /** The server has the record; some of its photos are still on their way. */
  | 'photo_uploading'
  /** The server has the record and its photos; no supervisor has decided yet. */
  | 'synced'
  | 'confirmed'
  | 'rejected'
  | 'sent_back'
  | 'voided'
  /** The server refused a change of this finding: `finding.rejection` says why. */
  | 'refused'

/** `photos` are the device's photos of this finding (any others are ignored). */
export function findingState(finding: LocalFinding, photos: readonly Pick<LocalPhoto, 'sha256' | 'done'>[] = []): FindingState {
  // A refusal comes first: the inspector has to read it and act, whatever else is true.
  if (finding.rejection) return 'refused'
  if (finding.status === 'voided') return 'voided'
  if (finding.pending === 1) return 'on_device'
  if (photos.some((p) => p.done === 0 && finding.photos.includes(p.sha256))) return 'photo_uploading'
  switch (finding.status) {
    case 'confirmed':
    case 'rejected':
    case 'sent_back':
      return finding.status
    default:
      return 'synced'
  }
}
