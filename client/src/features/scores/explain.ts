// Shaping a district's explanation for reading: which section a table cell opens, the findings behind each item
// in recording order, and the engine's exact shares ("1/5") written as decimals.
import type { Checklist, Line, Name } from '@shared/domain'
import type { ItemResult, LineResult } from '@shared/scoring'
import type { CellKey } from './score-table'
import type { FindingUsed } from './scores-types'

export type Section = `line:${Line}` | 'professional' | 'composite' | 'complaints' | 'media' | 'survey' | 'funding'

/** The section of the explanation a cell of the table opens. */
export function sectionOf(key: CellKey): Section {
  if (key === 'paid' || key === 'withheld') return 'funding'
  if (key === 'social') return 'composite'
  return key
}

/** "1/5" → "0.2", "0.8" → "0.8", "2/3" → "0.666667": a share as a short decimal (exact when it terminates in six places). */
export function shareText(exact: string): string {
  const m = /^(-?\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(exact.trim())
  if (!m) return exact
  const value = Number(m[1]) / Number(m[2] ?? 1)
  return String(Number(value.toFixed(6)))
}

/** Thousandths of a point as the explanation writes them: 2500 → "2.5", 10000 → "10". */
export const pointsText = (thousandths: number): string => String(Number((thousandths / 1000).toFixed(3)))

/** Item names by `checklistId@version/code`, from the checklists the device holds. */
export function itemNameIndex(checklists: readonly Checklist[]): Map<string, Name> {
  const out = new Map<string, Name>()
  for (const c of checklists) for (const i of c.items) out.set(`${c.id}@${c.version}/${i.code}`, i.name)
  return out
}

export const itemKey = (i: Pick<ItemResult, 'checklistId' | 'checklistVersion' | 'itemCode'>) => `${i.checklistId}@${i.checklistVersion}/${i.itemCode}`

export interface ItemRow {
  item: ItemResult
  name: Name | undefined
  findings: FindingUsed[]
  /** Ids the result counts but the explanation did not return (should not happen; shown rather than hidden). */
  missing: string[]
}

/** A line's items, largest deduction first, each with its findings in the order they were recorded. */
export function itemRows(line: LineResult, findings: readonly FindingUsed[], names: ReadonlyMap<string, Name>): ItemRow[] {
  const byId = new Map(findings.map((f) => [f.id, f]))
  return [...line.items]
    .sort((a, b) => b.counted - a.counted || a.itemCode.localeCompare(b.itemCode))
    .map((item) => {
      const found = item.findingIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
      found.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.id.localeCompare(b.id))
      return { item, name: names.get(itemKey(item)), findings: found, missing: item.findingIds.filter((id) => !byId.has(id)) }
    })
}
