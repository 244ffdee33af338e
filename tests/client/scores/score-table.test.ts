// The month table's shaping, over results the scoring engine computes from the demo month: every figure a cell
// with an exact amount, differences against a frozen month, funding totals, the trend and the loss by line.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, LINES, type Name } from '@shared/domain'
import { SEED_CHECKLISTS, demoData, harbinDistricts } from '@shared/seed'
import { computeMonth, type MonthResult, type ScoringMode } from '@shared/scoring'
import {
  amountText,
  CELL_KEYS,
  deltaText,
  figures,
  fundingTotals,
  hasRecords,
  lineLosses,
  scaled,
  scoreRows,
  trendSeries,
  yuanText,
} from '../../../client/src/features/scores/score-table'
import type { MonthView } from '../../../client/src/features/scores/scores-types'

const districts = harbinDistricts()
const names: Record<string, Name> = Object.fromEntries(districts.map((d) => [d.code, d.name]))

function compute(month: string, mode: ScoringMode, patch: (d: ReturnType<typeof demoData>) => void = () => {}): MonthResult {
  const demo = demoData(month)
  patch(demo)
  const result = computeMonth({
    month,
    mode,
    policy: DEFAULT_POLICY,
    districtCodes: districts.map((d) => d.code),
    checklists: SEED_CHECKLISTS,
    findings: demo.findings,
    complaints: demo.complaints,
    media: demo.mediaExposures,
    surveys: demo.surveyScores,
    budgets: demo.fundingBudgets,
  })
  return JSON.parse(JSON.stringify(result))
}

function view(result: MonthResult, extra: Partial<MonthView> = {}): MonthView {
  return { month: result.month, published: null, source: 'live', note: { zh: '', en: '' }, result, unconfirmed: [], districtNames: names, ...extra }
}

const PUBLICATION = { policyVersion: 1, inputHash: 'f'.repeat(64), publishedAt: '2026-11-02T02:00:00.000Z', publishedBy: { id: 'x', displayName: '李娜' } }

describe('the month table', () => {
  const result = compute('2026-10', 'preliminary')

  it('reads the engine’s fixed-decimal displays as exact integers', () => {
    expect(scaled('96.155', 3)).toBe(96155)
    expect(scaled('100.000', 3)).toBe(100000)
    expect(scaled('91.6', 2)).toBe(9160)
    expect(scaled('0.05', 3)).toBe(50)
    expect(scaled('—', 3)).toBeNaN()
  })

  it('writes money as yuan with separators and differences with their sign', () => {
    expect(yuanText(123456789)).toBe('1,234,567.89')
    expect(yuanText(5)).toBe('0.05')
    expect(yuanText(0)).toBe('0.00')
    expect(amountText({ value: 98500, unit: 'thousandths' })).toBe('98.500')
    expect(amountText({ value: 9161, unit: 'hundredths' })).toBe('91.61')
    expect(deltaText({ value: 250, unit: 'thousandths' })).toBe('+0.250')
    expect(deltaText({ value: -120, unit: 'hundredths' })).toBe('−1.20')
    expect(deltaText({ value: -1234500, unit: 'fen' })).toBe('−12,345.00')
    expect(deltaText({ value: 0, unit: 'fen' })).toBe('±0')
  })

  it('gives one row per district with every figure as the engine displays it', () => {
    const rows = scoreRows(view(result))
    expect(rows.map((r) => r.districtCode)).toEqual(districts.map((d) => d.code))
    for (const [i, r] of rows.entries()) {
      const d = result.districts[i]!
      expect(Object.keys(r.cells).sort()).toEqual([...CELL_KEYS].sort())
      for (const l of LINES) expect(r.cells[`line:${l}`].display).toBe(d.professional.lines.find((x) => x.line === l)!.display)
      expect(r.cells.professional.display).toBe(d.professional.display)
      expect(r.cells.composite).toMatchObject({ display: d.composite.display, amount: { value: d.composite.hundredths, unit: 'hundredths' } })
      expect(r.cells.survey.display).toBe(d.social.survey.display)
      expect(r.cells.withheld.amount.value).toBe(d.funding.reduce((s, f) => s + f.withheldFen, 0))
      expect(r.cells.paid.display).toBe(yuanText(d.funding.reduce((s, f) => s + f.paidFen, 0)))
      expect(r.name).toEqual(names[d.districtCode])
      expect(r.changed).toBe(false)
      for (const k of CELL_KEYS) expect(r.cells[k].current).toBeUndefined()
    }
  })

  it('shows the current figure and the exact difference beside a frozen one once the inputs moved', () => {
    const frozen = compute('2026-10', 'published')
    // A month later a survey score was corrected for 南岗: only its survey, social mean and composite (and maybe funding) move.
    const current = compute('2026-10', 'preliminary', (d) => {
      const s = d.surveyScores.find((x) => x.districtCode === '230103')!
      s.score = Math.max(0, s.score - 6000)
    })
    const rows = scoreRows(view(frozen, { source: 'frozen', published: PUBLICATION, changedSincePublished: true, current: { result: current, unconfirmed: [] } }))
    const nangang = rows.find((r) => r.districtCode === '230103')!
    const f = frozen.districts.find((d) => d.districtCode === '230103')!
    const c = current.districts.find((d) => d.districtCode === '230103')!
    expect(nangang.changed).toBe(true)
    expect(nangang.cells.survey.display).toBe(f.social.survey.display)
    expect(nangang.cells.survey.current).toEqual({
      amount: { value: c.social.survey.score, unit: 'thousandths' },
      display: c.social.survey.display,
      delta: { value: c.social.survey.score - f.social.survey.score, unit: 'thousandths' },
    })
    expect(nangang.cells.composite.current!.delta.value).toBe(c.composite.hundredths - f.composite.hundredths)
    // Differences are against the frozen figure, so unconfirmed findings now counted show too.
    for (const r of rows) for (const k of CELL_KEYS) if (r.cells[k].current) expect(r.cells[k].current!.amount.value).not.toBe(r.cells[k].amount.value)
    // Without the flag nothing is compared, even with a current result beside it.
    const quiet = scoreRows(view(frozen, { source: 'frozen', published: PUBLICATION, changedSincePublished: false }))
    expect(quiet.every((r) => !r.changed)).toBe(true)
  })

  it('adds funding up over districts and lines, paid and withheld making up what is at stake', () => {
    const t = fundingTotals(result)
    expect(t.paidFen + t.withheldFen).toBe(t.atStakeFen)
    expect(t.withheldFen).toBe(scoreRows(view(result)).reduce((s, r) => s + r.cells.withheld.amount.value, 0))
  })

  it('splits each professional shortfall into the lines’ weighted losses, adding up to 100 − professional', () => {
    for (const d of result.districts) {
      const losses = lineLosses(d)
      expect(losses.map((l) => l.line)).toEqual([...LINES])
      const sum = losses.reduce((s, l) => s + l.lost, 0)
      expect(sum).toBeCloseTo(100 - Number(d.professional.display), 2)
      for (const l of losses) expect(l.lost).toBeGreaterThanOrEqual(0)
    }
  })

  it('follows each district over the months, leaving months without records as gaps', () => {
    const empty = compute('2026-10', 'preliminary', (d) => {
      d.findings = []
      d.complaints = []
      d.mediaExposures = []
      d.surveyScores = []
    })
    expect(hasRecords(view(empty))).toBe(false)
    expect(hasRecords(view(empty, { published: PUBLICATION }))).toBe(true)
    expect(hasRecords(view(result))).toBe(true)
    const months = ['2026-08', '2026-09', '2026-10']
    const views = new Map<string, MonthView | null>([
      ['2026-08', view(empty)],
      ['2026-09', null],
      ['2026-10', view(result)],
    ])
    const series = trendSeries(months, views, names)
    expect(series.map((s) => s.districtCode)).toEqual(districts.map((d) => d.code).sort())
    for (const s of series) {
      expect(s.values.slice(0, 2)).toEqual([null, null])
      expect(s.values[2]).toBe(result.districts.find((d) => d.districtCode === s.districtCode)!.composite.hundredths / 100)
      expect(s.name).toEqual(names[s.districtCode])
    }
    // A district user's views hold their own row only, and so does the trend.
    const own = (r: MonthResult) => view({ ...r, districts: r.districts.filter((d) => d.districtCode === '230103') })
    const mine = trendSeries(months, new Map([['2026-10', own(result)]]), names)
    expect(mine.map((s) => s.districtCode)).toEqual(['230103'])
  })

  it('keeps a cell’s figures exact: the displayed text is the amount written out', () => {
    for (const d of result.districts) {
      const f = figures(d)
      for (const k of CELL_KEYS) expect(amountText(f[k].amount)).toBe(f[k].display)
    }
  })
})
