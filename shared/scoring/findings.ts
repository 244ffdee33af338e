// The scoring pass over a month's findings: one copy per id, then sums of deductions per district and item.
//
// This is the only per-finding work in the engine, so it uses plain numbers (deductions are integer
// thousandths: sums stay exact far below 2^53), typed arrays indexed by district × item slot, and no
// BigInt, Intl or Date.parse. It runs in two passes: the first reads each finding once, in input order
// (memory order), and writes what it decided into typed arrays; the second walks the findings in id order
// touching only those arrays, so the id lists it builds come out sorted without touching the records again.
import type { FindingStatus } from '../domain'
import { instantMs } from '../time/instant'
import type { CatalogItem, ItemCatalog } from './catalog'
import { pickLast } from './canonical-json'
import { sortIds } from './id-order'
import type { DuplicateNote, IgnoredFinding, IgnoreReason, ScoringFinding } from './types'

export interface TallyContext {
  districtIndex: ReadonlyMap<string, number>
  startMs: number
  endMs: number
  preliminary: boolean
  catalog: ItemCatalog
}

export interface FindingTally {
  nSlots: number
  /** Raw deduction total per [district × nSlots + slot], thousandths. */
  totals: Float64Array
  /** Ids of the findings counted per [district × nSlots + slot], sorted. */
  ids: (string[] | undefined)[]
  /** Newest version rank seen per cell, −1 when none. */
  maxRank: Int32Array
  /** All version ranks seen per cell, only where there was more than one. */
  ranksSeen: (number[] | undefined)[]
  ignored: IgnoredFinding[][]
  notCounted: Partial<Record<FindingStatus, string[]>>[]
  /** Indices (into the input) of the findings of the month and districts with a counting status, in id order. */
  considered: Uint32Array
  duplicates: DuplicateNote[]
}

// Outcomes of the first pass (≥ 0: the cell the finding adds to).
const OUTSIDE = -1 // another district or month
const NOT_COUNTED = -2 // status does not count in this mode
const IGNORED = -3 // counts by status, but cannot be scored

interface Ignore {
  reason: IgnoreReason
  detail: string
}

/** Why a finding of the month cannot be scored, or its catalog item. */
function itemFor(f: ScoringFinding, items: Map<string, CatalogItem> | IgnoreReason): CatalogItem | Ignore {
  if (typeof items === 'string') {
    return { reason: items, detail: `checklist ${f.checklistId} v${f.checklistVersion} is not among the checklists given` }
  }
  const item = items.get(f.itemCode)
  if (item === undefined) return { reason: 'unknown_item', detail: `item ${f.itemCode} is not in checklist ${f.checklistId} v${f.checklistVersion}` }
  if (item.line !== f.line) return { reason: 'line_mismatch', detail: `finding says line ${f.line}, its checklist is ${item.line}` }
  const ded = f.deduction
  if (!(ded >= 0 && ded <= 100_000 && Math.floor(ded) === ded)) {
    return { reason: 'invalid_deduction', detail: `deduction ${ded} is not 0–100000 thousandths` }
  }
  return item
}

export function tallyFindings(findings: readonly ScoringFinding[], ctx: TallyContext): FindingTally {
  const { districtIndex, startMs, endMs, preliminary, catalog } = ctx
  const nDistricts = districtIndex.size
  const nSlots = catalog.slots.length
  const n = findings.length

  // Pass 1, input order.
  const ids = new Array<string>(n)
  const outcome = new Int32Array(n)
  const deduction = new Int32Array(n)
  const rank = new Int32Array(n)
  const notes = new Map<number, Ignore>()
  // The version last looked up per checklist id: one Map lookup per finding in the usual case.
  const recent = new Map<string, { version: number; items: Map<string, CatalogItem> | IgnoreReason }>()
  for (let i = 0; i < n; i++) {
    const f = findings[i]
    ids[i] = f.id
    const d = districtIndex.get(f.districtCode)
    if (d === undefined) {
      outcome[i] = OUTSIDE
      continue
    }
    const t = instantMs(f.recordedAt)
    if (!(t >= startMs && t < endMs)) {
      outcome[i] = OUTSIDE
      if (t !== t) {
        outcome[i] = IGNORED
        notes.set(i, { reason: 'invalid_time', detail: `recordedAt ${JSON.stringify(f.recordedAt)} is not an instant` })
      }
      continue
    }
    const st = f.status
    if (!(st === 'confirmed' || (preliminary && (st === 'submitted' || st === 'sent_back')))) {
      outcome[i] = NOT_COUNTED
      continue
    }
    let known = recent.get(f.checklistId)
    if (known === undefined || known.version !== f.checklistVersion) {
      known = { version: f.checklistVersion, items: catalog.version(f.checklistId, f.checklistVersion) }
      recent.set(f.checklistId, known)
    }
    const item = itemFor(f, known.items)
    if ('reason' in item) {
      outcome[i] = IGNORED
      notes.set(i, item)
      continue
    }
    outcome[i] = d * nSlots + item.slot
    deduction[i] = f.deduction
    rank[i] = item.rank
  }

  // Pass 2, id order: one copy per id, then sums and sorted lists.
  const cells = nDistricts * nSlots
  const totals = new Float64Array(cells)
  const cellIds: (string[] | undefined)[] = new Array(cells).fill(undefined)
  const maxRank = new Int32Array(cells).fill(-1)
  const ranksSeen: (number[] | undefined)[] = new Array(cells).fill(undefined)
  const ignored: IgnoredFinding[][] = Array.from({ length: nDistricts }, () => [])
  const notCounted: Partial<Record<FindingStatus, string[]>>[] = Array.from({ length: nDistricts }, () => ({}))
  const considered = new Uint32Array(n)
  let nConsidered = 0
  const duplicates: DuplicateNote[] = []
  const { order, tiedWithPrevious } = sortIds(ids)
  let i = 0
  while (i < n) {
    let idx = order[i]
    const id = ids[idx]
    let j = i + 1
    while (j < n && tiedWithPrevious[j] === 1 && ids[order[j]] === id) j++
    if (j - i > 1) {
      const copies = Array.from(order.subarray(i, j))
      const chosen = pickLast(copies.map((k) => findings[k]))
      idx = copies.find((k) => findings[k] === chosen)!
      duplicates.push({ kind: 'finding', key: id, copies: j - i })
    }
    i = j
    const cell = outcome[idx]
    if (cell >= 0) {
      considered[nConsidered++] = idx
      totals[cell] += deduction[idx]
      const r = rank[idx]
      const list = cellIds[cell]
      if (list === undefined) {
        cellIds[cell] = [id]
        maxRank[cell] = r
      } else {
        list.push(id)
        const prev = maxRank[cell]
        if (r !== prev || ranksSeen[cell] !== undefined) {
          const seen = ranksSeen[cell] ?? (ranksSeen[cell] = [prev])
          if (!seen.includes(r)) seen.push(r)
          if (r > prev) maxRank[cell] = r
        }
      }
    } else if (cell !== OUTSIDE) {
      const f = findings[idx]
      const d = districtIndex.get(f.districtCode)!
      if (cell === NOT_COUNTED) {
        const list = notCounted[d][f.status]
        if (list) list.push(id)
        else notCounted[d][f.status] = [id]
      } else {
        if (notes.get(idx)!.reason !== 'invalid_time') considered[nConsidered++] = idx
        ignored[d].push({ id, ...notes.get(idx)! })
      }
    }
  }
  return { nSlots, totals, ids: cellIds, maxRank, ranksSeen, ignored, notCounted, considered: considered.subarray(0, nConsidered), duplicates }
}
