// Which checklist versions the record screen offers, and the items of each as search entries.
// The tablet holds every version it has pulled (keyed `${id}@${version}`): a new finding is scored under the
// newest version already in force this month; an existing finding keeps the version it was recorded under.
import type { Checklist, Line } from '@shared/domain'
import { LINES } from '@shared/domain'
import type { ItemEntry } from './item-search'

/** For each line, the newest version whose effectiveFrom is not after `month` (YYYY-MM). */
export function currentChecklists(all: readonly Checklist[], month: string): Checklist[] {
  const best = new Map<Line, Checklist>()
  for (const c of all) {
    if (c.effectiveFrom > month) continue
    const held = best.get(c.line)
    if (!held || c.version > held.version) best.set(c.line, c)
  }
  return LINES.flatMap((line) => (best.has(line) ? [best.get(line)!] : []))
}

export function entriesOf(checklists: readonly Checklist[]): ItemEntry[] {
  return checklists.flatMap((c) =>
    c.items.map((item) => ({ item, line: c.line, checklistId: c.id, checklistVersion: c.version })),
  )
}

/** Where an item is found again: the checklist version it belongs to and its code. */
export interface ItemRef {
  checklistId: string
  checklistVersion: number
  code: string
}

export function refOf(entry: ItemEntry): ItemRef {
  return { checklistId: entry.checklistId, checklistVersion: entry.checklistVersion, code: entry.item.code }
}

export function findEntry(all: readonly Checklist[], ref: ItemRef | null): ItemEntry | null {
  if (!ref) return null
  const c = all.find((x) => x.id === ref.checklistId && x.version === ref.checklistVersion)
  const item = c?.items.find((i) => i.code === ref.code)
  return c && item ? { item, line: c.line, checklistId: c.id, checklistVersion: c.version } : null
}
