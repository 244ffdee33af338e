// Line scores (start − capped item totals − rectification penalties, floored at 0) and the professional score.
import { LINES, type Line } from '../domain/line.schema'
import type { ItemCatalog } from './catalog'
import { points, showThousandths } from './figure'
import type { FindingTally } from './findings'
import type { PolicyNumbers } from './policy-numbers'
import { Rational } from './rational'
import type { ItemResult, LineResult, PenaltyResult } from './types'

function itemResult(cell: number, slot: number, tally: FindingTally, catalog: ItemCatalog): ItemResult {
  const s = catalog.slots[slot]
  const capItem = s.byRank[tally.maxRank[cell]]
  const ranks = tally.ranksSeen[cell] ?? [tally.maxRank[cell]]
  const rawTotal = tally.totals[cell]
  const counted = Math.min(rawTotal, capItem.cap)
  return {
    itemCode: s.itemCode,
    checklistId: capItem.checklistId,
    checklistVersion: capItem.version,
    capRule: ranks.length > 1 ? 'newest_of_several_versions' : 'recorded_version',
    versionsSeen: [...ranks].sort((a, b) => a - b).map((r) => ({ checklistId: s.byRank[r].checklistId, version: s.byRank[r].version })),
    cap: capItem.cap,
    rawTotal,
    counted,
    capBit: rawTotal > capItem.cap,
    findingIds: tally.ids[cell]!,
  }
}

/** The five line results of district `d` (in LINES order). */
export function lineResults(
  d: number,
  tally: FindingTally,
  catalog: ItemCatalog,
  penalties: ReadonlyMap<Line, PenaltyResult[]>,
  lineStart: number,
  numbers: PolicyNumbers,
): LineResult[] {
  const byLine = new Map<Line, ItemResult[]>(LINES.map((l) => [l, []]))
  for (let slot = 0; slot < tally.nSlots; slot++) {
    const cell = d * tally.nSlots + slot
    if (tally.ids[cell] === undefined) continue
    byLine.get(catalog.slots[slot].line)!.push(itemResult(cell, slot, tally, catalog))
  }
  return LINES.map((line) => {
    const items = byLine.get(line)!
    const linePenalties = penalties.get(line) ?? []
    const itemsDeducted = items.reduce((sum, it) => sum + it.counted, 0)
    const penaltiesDeducted = linePenalties.reduce((sum, p) => sum + p.amount, 0)
    const score = Math.max(0, lineStart - itemsDeducted - penaltiesDeducted)
    return {
      line,
      weight: numbers.lineWeights[line],
      start: lineStart,
      itemsDeducted,
      penaltiesDeducted,
      score,
      display: showThousandths(score),
      items,
      penalties: linePenalties,
    }
  })
}

/** Weighted mean of the line scores, exact, in points. */
export function professionalScore(lines: readonly LineResult[], numbers: PolicyNumbers): Rational {
  let weighted = 0n
  for (const l of lines) weighted += BigInt(l.weight) * BigInt(l.score)
  return points(weighted).div(Rational.of(numbers.lineWeightTotal))
}
