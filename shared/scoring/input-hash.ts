// The input hash of a month: SHA-256 of the canonical JSON of every input that counts, so a published
// month can be recomputed later and checked against what was frozen.
//
// What is hashed: month, mode, the whole policy, the districts scored, and of each kind of record the
// fields the engine reads, for the records that count in the month (findings of the month with a counting
// status, the checklist versions they refer to, the month's overdue rounds, complaints, media exposures,
// survey scores and budgets of the districts scored). Records are sorted by id (or by their key), object
// keys are sorted, and duplicates are already resolved, so neither input order nor extra copies change it.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonical-json'
import type { MonthSelection } from './select'
import type { ScoringChecklist, ScoringFinding } from './types'

// Projections build their keys in sorted order and hold only flat values, so that JSON.stringify of them
// is already their canonical JSON (integer-like keys, which it would reorder, never occur). A test checks
// the streamed text against canonicalJson.

function projectFinding(f: ScoringFinding): ScoringFinding {
  return {
    checklistId: f.checklistId,
    checklistVersion: f.checklistVersion,
    deduction: f.deduction,
    districtCode: f.districtCode,
    id: f.id,
    itemCode: f.itemCode,
    line: f.line,
    recordedAt: f.recordedAt,
    status: f.status,
  }
}

function projectChecklist(c: ScoringChecklist): ScoringChecklist {
  const items = c.items
    .map((i) => ({ code: i.code, monthlyCap: i.monthlyCap }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return { id: c.id, items, line: c.line, version: c.version }
}

/** The record's `keys` (given in sorted order), in that order. */
function pick<T extends object, K extends keyof T>(r: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>
  for (const k of keys) out[k] = r[k]
  return out
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The canonical structure that is hashed (exported so tests and auditors can look at it). */
export function hashedInputs(sel: MonthSelection): Record<string, unknown> {
  const findings = Array.from(sel.tally.considered, (i) => sel.input.findings[i])
  const referenced = new Set(findings.map((f) => `${f.checklistId}@v${f.checklistVersion}`))
  return {
    budgets: sel.budgets.flatMap((m) => [...m.values()].map((b) => pick(b, ['amountFen', 'districtCode', 'line', 'month'] as const))),
    checklists: sel.catalog.checklists.filter((c) => referenced.has(`${c.id}@v${c.version}`)).map(projectChecklist),
    complaints: sel.complaints
      .flat()
      .map((c) => pick(c, ['accepted', 'districtCode', 'handledAt', 'handlingDeadline', 'id', 'receivedAt', 'satisfied'] as const))
      .sort(byId),
    districtCodes: sel.districtCodes,
    findings: findings.map(projectFinding),
    media: sel.media
      .flat()
      .map((m) => pick(m, ['deduction', 'districtCode', 'id', 'month'] as const))
      .sort(byId),
    mode: sel.input.mode,
    month: sel.input.month,
    overdueRounds: sel.penalties.considered.map((r) => pick(r, ['at', 'districtCode', 'line', 'orderId', 'round'] as const)),
    policy: sel.input.policy,
    surveys: sel.surveys.filter((s) => s !== undefined).map((s) => pick(s, ['districtCode', 'month', 'score'] as const)),
  }
}

const RECORD_SECTIONS = new Set(['budgets', 'checklists', 'complaints', 'findings', 'media', 'overdueRounds', 'surveys'])
const CHUNK = 2_000

/** The canonical JSON of hashedInputs(sel), in pieces. */
export function hashedPieces(sel: MonthSelection, emit: (piece: string) => void): void {
  const inputs = hashedInputs(sel)
  const keys = Object.keys(inputs).sort()
  emit('{')
  keys.forEach((k, n) => {
    emit(`${n > 0 ? ',' : ''}${JSON.stringify(k)}:`)
    const v = inputs[k]
    if (!RECORD_SECTIONS.has(k)) return emit(canonicalJson(v))
    const list = v as unknown[]
    emit('[')
    for (let i = 0; i < list.length; i += CHUNK) {
      emit((i > 0 ? ',' : '') + JSON.stringify(list.slice(i, i + CHUNK)).slice(1, -1))
    }
    emit(']')
  })
  emit('}')
}

/** Lower-case hex SHA-256 of the canonical JSON of hashedInputs(sel), hashed in pieces. */
export function hashSelection(sel: MonthSelection): string {
  const hash = sha256.create()
  const encoder = new TextEncoder()
  hashedPieces(sel, (piece) => hash.update(encoder.encode(piece)))
  return bytesToHex(hash.digest())
}
