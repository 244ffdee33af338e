// Grid clustering for the findings at city zooms: points that fall in the same square of the screen at the current
// zoom become one counted dot. Pure, so the grouping is tested without a browser.
import type { FindingState } from './marker-state'

export interface GridPoint<T> {
  item: T
  /** Projected pixel position at the current zoom. */
  x: number
  y: number
}

export interface GridCluster<T> {
  items: T[]
  /** Mean pixel position of the members: the dot sits among them, not at the cell's corner. */
  x: number
  y: number
}

/** Groups points by the cellPx × cellPx square of the pixel grid they fall in; one-member groups included. */
export function gridClusters<T>(points: Iterable<GridPoint<T>>, cellPx: number): GridCluster<T>[] {
  const cells = new Map<string, { items: T[]; sx: number; sy: number }>()
  for (const p of points) {
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`
    const c = cells.get(key)
    if (c) {
      c.items.push(p.item)
      c.sx += p.x
      c.sy += p.y
    } else cells.set(key, { items: [p.item], sx: p.x, sy: p.y })
  }
  return [...cells.values()].map((c) => ({ items: c.items, x: c.sx / c.items.length, y: c.sy / c.items.length }))
}

/** Which state a cluster shows: the one that most needs the inspector, first in this list. */
export const STATE_URGENCY: readonly FindingState[] = [
  'refused',
  'sent_back',
  'on_device',
  'photo_uploading',
  'synced',
  'rejected',
  'confirmed',
  'voided',
]

export function mostUrgent(states: Iterable<FindingState>): FindingState {
  let best = STATE_URGENCY.length - 1
  for (const s of states) best = Math.min(best, STATE_URGENCY.indexOf(s))
  return STATE_URGENCY[best]!
}
