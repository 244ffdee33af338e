// Possible duplicates as the supervisor sees them: the server names pairs (same item, other inspector, close in
// place and time; server/src/findings/duplicates.ts); here pairs that share a finding join into one group, so
// three inspectors who recorded the same overflowing bin show as one group of three, each group in order of
// recording, groups in order of their first finding.
import type { DuplicatePairView, FindingRow } from './types'

export interface DuplicateGroup {
  /** 1, 2, … in order of the group's earliest finding. */
  n: number
  ids: string[]
  /** Every pair inside the group, for the distances and times shown beside it. */
  pairs: { a: string; b: string; metres: number; minutes: number; mergeable: boolean }[]
}

export interface DuplicateIndex {
  groups: DuplicateGroup[]
  /** Group of each finding that has one. */
  groupOf: Map<string, DuplicateGroup>
}

const byTime = (rows: Map<string, { recordedAt: string }>) => (x: string, y: string) => {
  const a = rows.get(x)?.recordedAt ?? ''
  const b = rows.get(y)?.recordedAt ?? ''
  return a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0
}

/** Groups pairs into connected sets (union–find). */
export function groupDuplicates(pairs: readonly DuplicatePairView[]): DuplicateIndex {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root)!
    // Path compression: later finds are short.
    let cur = x
    while (cur !== root) {
      const next = parent.get(cur)!
      parent.set(cur, root)
      cur = next
    }
    return root
  }
  const rows = new Map<string, FindingRow>()
  for (const p of pairs) {
    for (const r of [p.a, p.b]) {
      rows.set(r.id, r)
      if (!parent.has(r.id)) parent.set(r.id, r.id)
    }
    const ra = find(p.a.id)
    const rb = find(p.b.id)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  const members = new Map<string, string[]>()
  for (const id of parent.keys()) {
    const root = find(id)
    const list = members.get(root)
    if (list) list.push(id)
    else members.set(root, [id])
  }
  const order = byTime(rows)
  const groups = [...members.values()].map((ids) => ids.sort(order))
  groups.sort((x, y) => order(x[0]!, y[0]!))
  const index: DuplicateIndex = { groups: [], groupOf: new Map() }
  groups.forEach((ids, i) => {
    const group: DuplicateGroup = { n: i + 1, ids, pairs: [] }
    index.groups.push(group)
    for (const id of ids) index.groupOf.set(id, group)
  })
  for (const p of pairs) {
    index.groupOf.get(p.a.id)!.pairs.push({ a: p.a.id, b: p.b.id, metres: p.metres, minutes: p.minutes, mergeable: p.mergeable })
  }
  return index
}

/** Rows with their groups kept together (group order, then time within a group); rows without a group last, as given. */
export function orderByGroup<T extends { id: string }>(rows: readonly T[], index: DuplicateIndex): T[] {
  const position = new Map<string, number>()
  let i = 0
  for (const g of index.groups) for (const id of g.ids) position.set(id, i++)
  const at = (r: T) => position.get(r.id) ?? Number.MAX_SAFE_INTEGER
  return [...rows].sort((a, b) => at(a) - at(b))
}

/**
 * Why one finding cannot be merged into another, or null when it can: the server's own rules
 * (server/src/findings/merge.ts), checked first so the button says so instead of failing.
 */
export function mergeProblem(
  source: { id: string; status: string; itemCode: string; districtCode: string },
  target: { id: string; status: string; itemCode: string; districtCode: string },
): 'same' | 'source_void' | 'target_void' | 'target_rejected' | 'other_item' | 'other_district' | null {
  if (source.id === target.id) return 'same'
  if (source.status === 'voided') return 'source_void'
  if (target.status === 'voided') return 'target_void'
  if (target.status === 'rejected') return 'target_rejected'
  if (source.itemCode !== target.itemCode) return 'other_item'
  if (source.districtCode !== target.districtCode) return 'other_district'
  return null
}

/**
 * The rows with their duplicate flags as the latest pairs say. A live notice refreshes only the findings it names,
 * so the partner of a newly recorded duplicate, or of one just rejected, learns it here; unchanged rows stay the
 * same objects, and the same map comes back when nothing changed.
 */
export function flagDuplicates(rows: ReadonlyMap<string, FindingRow>, index: DuplicateIndex, month: string): ReadonlyMap<string, FindingRow> {
  let next: Map<string, FindingRow> | null = null
  for (const [id, r] of rows) {
    if (r.month !== month) continue
    const flagged = index.groupOf.has(id)
    if (r.possibleDuplicate === flagged) continue
    next ??= new Map(rows)
    next.set(id, { ...r, possibleDuplicate: flagged })
  }
  return next ?? rows
}
