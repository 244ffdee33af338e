// Marker colours for the states a finding shows on its way from the tablet to the bureau. The state itself is the
// sync module's findingState, the same one the findings list shows, so the map and the list never disagree.
import type { FindingState } from '../../sync/finding-state'

export { findingState, type FindingState } from '../../sync/finding-state'

/** Every state, in the legend's order. */
export const FINDING_STATES = [
  'on_device',
  'photo_uploading',
  'synced',
  'confirmed',
  'rejected',
  'sent_back',
  'voided',
  'refused',
] as const satisfies readonly FindingState[]

/** Fill colours, chosen to stay apart from each other in low winter sun on a tablet. */
export const STATE_COLOURS: Record<FindingState, string> = {
  on_device: '#e08a00',
  photo_uploading: '#8e5cc4',
  synced: '#1f78b4',
  confirmed: '#1e7b34',
  rejected: '#5b6675',
  sent_back: '#d1495b',
  voided: '#b8c0c8',
  refused: '#8b0000',
}
