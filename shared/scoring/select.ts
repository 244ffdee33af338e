// Picks out what counts in a month: the window in the city's zone, one copy of each record, each record
// to its district. Everything the month's results and its input hash are built from.
import type { Line } from '../domain'
import { instantMs } from '../time/instant'
import { parseMonth } from '../time/month'
import { monthBounds } from '../time/zone'
import { buildCatalog, type ItemCatalog } from './catalog'
import { dedupeBy } from './canonical-json'
import { ScoringInputError } from './errors'
import { tallyFindings, type FindingTally } from './findings'
import { selectPenalties, type PenaltySelection } from './penalties'
import { policyNumbers, type PolicyNumbers } from './policy-numbers'
import type { DuplicateNote, MonthInput, ScoringBudget, ScoringComplaint, ScoringMedia, ScoringSurvey } from './types'

export interface MonthSelection {
  input: MonthInput
  numbers: PolicyNumbers
  districtCodes: string[]
  window: { startMs: number; endMs: number }
  catalog: ItemCatalog
  tally: FindingTally
  penalties: PenaltySelection
  /** Per district index, sorted by id / key. */
  complaints: ScoringComplaint[][]
  media: ScoringMedia[][]
  surveys: (ScoringSurvey | undefined)[]
  budgets: Map<Line, ScoringBudget>[]
  duplicates: DuplicateNote[]
}

function checkInput(input: MonthInput): void {
  try {
    parseMonth(input.month)
  } catch {
    throw new ScoringInputError('invalid_input', `month must be YYYY-MM, got ${JSON.stringify(input.month)}`, { field: 'month' })
  }
  if (input.mode !== 'published' && input.mode !== 'preliminary') {
    throw new ScoringInputError('invalid_input', `mode must be published or preliminary, got ${JSON.stringify(input.mode)}`, { field: 'mode' })
  }
}

/** Sorts each record into its district's list, dropping districts not scored. */
function byDistrict<T extends { districtCode: string }>(records: readonly T[], index: ReadonlyMap<string, number>, keep: (r: T) => boolean): T[][] {
  const out: T[][] = Array.from({ length: index.size }, () => [])
  for (const r of records) {
    const d = index.get(r.districtCode)
    if (d !== undefined && keep(r)) out[d].push(r)
  }
  return out
}

export function selectMonth(input: MonthInput): MonthSelection {
  checkInput(input)
  const numbers = policyNumbers(input.policy)
  const districtCodes = [...new Set(input.districtCodes)].sort()
  const districtIndex = new Map(districtCodes.map((c, i) => [c, i]))
  const window = monthBounds(input.month, input.policy.timeZone)
  const catalog = buildCatalog(input.checklists)
  const tally = tallyFindings(input.findings, {
    districtIndex,
    startMs: window.startMs,
    endMs: window.endMs,
    preliminary: input.mode === 'preliminary',
    catalog,
  })
  const penalties = selectPenalties(input.overdueRounds ?? [], districtIndex, window, input.policy)

  const complaintsOnce = dedupeBy(input.complaints ?? [], (c) => c.id, 'complaint')
  const complaints = byDistrict(complaintsOnce.kept, districtIndex, (c) => {
    const t = instantMs(c.receivedAt)
    return t >= window.startMs && t < window.endMs
  })
  const mediaOnce = dedupeBy(input.media ?? [], (m) => m.id, 'media')
  const media = byDistrict(mediaOnce.kept, districtIndex, (m) => m.month === input.month)
  const surveysOnce = dedupeBy(
    (input.surveys ?? []).filter((s) => s.month === input.month),
    (s) => `${s.districtCode}/${s.month}`,
    'survey',
  )
  const surveys = byDistrict(surveysOnce.kept, districtIndex, () => true).map((list) => list[0])
  const fundedLines = new Set<string>(input.policy.funding.lines)
  const budgetsOnce = dedupeBy(
    (input.budgets ?? []).filter((b) => b.month === input.month && fundedLines.has(b.line)),
    (b) => `${b.districtCode}/${b.month}/${b.line}`,
    'budget',
  )
  const budgets = byDistrict(budgetsOnce.kept, districtIndex, () => true).map((list) => new Map(list.map((b) => [b.line, b])))

  const duplicates = [
    ...catalog.duplicates,
    ...tally.duplicates,
    ...penalties.duplicates,
    ...complaintsOnce.duplicates,
    ...mediaOnce.duplicates,
    ...surveysOnce.duplicates,
    ...budgetsOnce.duplicates,
  ]
  return { input, numbers, districtCodes, window, catalog, tally, penalties, complaints, media, surveys, budgets, duplicates }
}
