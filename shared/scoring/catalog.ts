// The checklist items a month's findings may refer to, indexed for the scoring pass: one slot per
// (line, item code), and within a slot the versions ranked oldest to newest.
import { LINES, type Line } from '../domain/line.schema'
import { dedupeBy } from './canonical-json'
import type { DuplicateNote, IgnoreReason, ScoringChecklist } from './types'

export interface CatalogItem {
  slot: number
  /** Position among the slot's versions; higher is newer (version, then checklist id). */
  rank: number
  line: Line
  itemCode: string
  checklistId: string
  version: number
  cap: number
}

export interface CatalogSlot {
  line: Line
  itemCode: string
  byRank: CatalogItem[]
}

export interface ItemCatalog {
  /** Slots sorted by line (in LINES order), then item code. */
  slots: CatalogSlot[]
  /** The items of one checklist version by code, or why the version is unknown. */
  version(checklistId: string, version: number): Map<string, CatalogItem> | IgnoreReason
  /** The checklists as counted (one per id and version), for the input hash. */
  checklists: ScoringChecklist[]
  duplicates: DuplicateNote[]
}

const lineOrder = new Map<string, number>(LINES.map((l, i) => [l, i]))

export function buildCatalog(checklists: readonly ScoringChecklist[]): ItemCatalog {
  const { kept, duplicates } = dedupeBy(checklists, (c) => `${c.id}@v${c.version}`, 'checklist')
  const bySlotKey = new Map<string, CatalogItem[]>()
  const byChecklist = new Map<string, Map<number, Map<string, CatalogItem>>>()
  for (const c of kept) {
    const items = new Map<string, CatalogItem>()
    for (const it of c.items) {
      const item: CatalogItem = {
        slot: -1,
        rank: -1,
        line: c.line,
        itemCode: it.code,
        checklistId: c.id,
        version: c.version,
        cap: it.monthlyCap,
      }
      if (items.has(it.code)) continue // the schema forbids repeated codes; keep the first
      items.set(it.code, item)
      const key = `${c.line}\u0000${it.code}`
      const list = bySlotKey.get(key)
      if (list) list.push(item)
      else bySlotKey.set(key, [item])
    }
    let versions = byChecklist.get(c.id)
    if (!versions) byChecklist.set(c.id, (versions = new Map()))
    versions.set(c.version, items)
  }
  const slots: CatalogSlot[] = [...bySlotKey.values()]
    .map((byRank) => ({ line: byRank[0].line, itemCode: byRank[0].itemCode, byRank }))
    .sort((a, b) => lineOrder.get(a.line)! - lineOrder.get(b.line)! || (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0))
  slots.forEach((s, slot) => {
    s.byRank.sort((a, b) => a.version - b.version || (a.checklistId < b.checklistId ? -1 : a.checklistId > b.checklistId ? 1 : 0))
    s.byRank.forEach((item, rank) => {
      item.slot = slot
      item.rank = rank
    })
  })
  return {
    slots,
    checklists: kept,
    duplicates,
    version(checklistId, version) {
      const versions = byChecklist.get(checklistId)
      if (!versions) return 'unknown_checklist'
      return versions.get(version) ?? 'unknown_version'
    },
  }
}
