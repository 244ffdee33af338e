// What the supervisor has selected. Two things: the one finding in focus (shown in the detail, ringed on the map,
// marked in the list: choosing it on either side focuses it on the other), and the ticked findings that a batch
// action (confirm many, a problem assignment sheet) works on. Pure, so that the map and the list agree by
// construction and the rules are tested without a browser.
import type { FindingRow } from './types'

/** Ticks or unticks one finding. */
export function toggle(checked: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(checked)
  if (next.has(id)) next.delete(id)
  else next.add(id)
  return next
}

/** Shift-click: ticks every finding between the anchor and this one in the list's order (both included). */
export function tickRange(checked: ReadonlySet<string>, order: readonly string[], anchor: string | null, id: string): Set<string> {
  const next = new Set(checked)
  const to = order.indexOf(id)
  const from = anchor === null ? -1 : order.indexOf(anchor)
  if (to < 0) return next
  if (from < 0) {
    next.add(id)
    return next
  }
  const [lo, hi] = from < to ? [from, to] : [to, from]
  for (let i = lo; i <= hi; i++) next.add(order[i]!)
  return next
}

/** Keeps only the ticks that are still listed, so a batch never acts on findings the filters now hide. */
export function keepListed(checked: ReadonlySet<string>, listed: Iterable<string>): Set<string> {
  const shown = listed instanceof Set ? (listed as Set<string>) : new Set(listed)
  const next = new Set<string>()
  for (const id of checked) if (shown.has(id)) next.add(id)
  return next.size === checked.size ? (checked as Set<string>) : next
}

/** The focus after moving by `delta` rows in the list (arrow keys); stays at the ends. */
export function moveFocus(order: readonly string[], current: string | null, delta: number): string | null {
  if (order.length === 0) return null
  const i = current === null ? -1 : order.indexOf(current)
  if (i < 0) return order[delta < 0 ? order.length - 1 : 0]!
  return order[Math.max(0, Math.min(order.length - 1, i + delta))]!
}

/** Of the ticked rows, those a "confirm" would change: not yet confirmed and not void. */
export function confirmable(rows: readonly FindingRow[]): FindingRow[] {
  return rows.filter((r) => r.status !== 'confirmed' && r.status !== 'voided')
}

/**
 * Why the ticked findings cannot go on one problem assignment sheet, or null when they can: a sheet is issued to
 * one district for findings a supervisor has confirmed (server/src/rectification).
 */
export function sheetProblem(rows: readonly FindingRow[]): 'none' | 'unconfirmed' | 'districts' | null {
  if (rows.length === 0) return 'none'
  if (rows.some((r) => r.status !== 'confirmed')) return 'unconfirmed'
  if (new Set(rows.map((r) => r.districtCode)).size > 1) return 'districts'
  return null
}

/** Where the sheets screen opens, prefilled with these findings. */
export function sheetLink(ids: readonly string[]): string {
  return `/sheets?findings=${ids.map(encodeURIComponent).join(',')}`
}

/**
 * The scroll position that brings row `index` into a list of fixed-height rows, or null when it is already
 * wholly visible: then the list does not jump under the supervisor's eyes.
 */
export function scrollToRow(index: number, rowHeight: number, viewHeight: number, scrollTop: number): number | null {
  if (index < 0) return null
  const top = index * rowHeight
  if (top >= scrollTop && top + rowHeight <= scrollTop + viewHeight) return null
  // Centred, so that rows around it show too.
  return Math.max(0, Math.round(top - (viewHeight - rowHeight) / 2))
}

/**
 * Whether a point drawn at (x, y) in a map of width × height needs a pan to be seen comfortably: it must lie at
 * least `margin` pixels inside the part of the map not covered on the right by `coveredRight` pixels.
 */
export function needsPan(x: number, y: number, width: number, height: number, margin: number, coveredRight = 0): boolean {
  return x < margin || y < margin || x > width - coveredRight - margin || y > height - margin
}
