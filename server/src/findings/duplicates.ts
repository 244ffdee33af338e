// Possible duplicates: two inspectors recording the same problem. Candidates are findings of the same checklist
// item by different inspectors, close in place and in time; voided and rejected findings are left out, as they no
// longer count. Findings are grouped by item and sorted by time, and each is compared only with those inside the
// time window after it, so a month costs O(n log n) plus the pairs actually close in time, never O(n²).
import { haversineMetres } from '@shared/geo'

export interface DuplicateRules {
  /** Farthest apart two findings may be, metres (haversine). */
  maxMetres: number
  /** Furthest apart in recording time, minutes. */
  maxMinutes: number
}

export const DEFAULT_DUPLICATE_RULES: DuplicateRules = { maxMetres: 30, maxMinutes: 120 }

export interface DuplicatePoint {
  id: string
  itemCode: string
  inspectorId: string
  lat: number
  lng: number
  /** Recording time, epoch ms. */
  at: number
}

export interface DuplicatePair {
  /** The earlier of the two (by recording time, then id). */
  a: string
  b: string
  metres: number
  minutes: number
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** Every pair of candidates, the earlier finding first; pairs ordered by the earlier one's time. */
export function findDuplicatePairs(points: readonly DuplicatePoint[], rules: DuplicateRules = DEFAULT_DUPLICATE_RULES): DuplicatePair[] {
  const windowMs = rules.maxMinutes * 60_000
  const byItem = new Map<string, DuplicatePoint[]>()
  for (const p of points) {
    if (!Number.isFinite(p.at)) continue
    let group = byItem.get(p.itemCode)
    if (!group) byItem.set(p.itemCode, (group = []))
    group.push(p)
  }
  const pairs: (DuplicatePair & { at: number })[] = []
  for (const group of byItem.values()) {
    group.sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    for (let i = 0; i < group.length; i++) {
      const p = group[i]!
      for (let j = i + 1; j < group.length; j++) {
        const q = group[j]!
        if (q.at - p.at > windowMs) break
        if (q.inspectorId === p.inspectorId) continue
        const metres = haversineMetres(p, q)
        if (metres <= rules.maxMetres) pairs.push({ a: p.id, b: q.id, metres: round1(metres), minutes: round1((q.at - p.at) / 60_000), at: p.at })
      }
    }
  }
  pairs.sort((x, y) => x.at - y.at || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1))
  return pairs.map(({ at: _at, ...pair }) => pair)
}
