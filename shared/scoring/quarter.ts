// computeQuarter: exact mean of each district's three published composites, ranked within groups.
import { monthsOfQuarter } from '../time/month'
import { ScoringInputError } from './errors'
import { figure } from './figure'
import { Rational } from './rational'
import type { DistrictMonthResult, MonthResult, QuarterDistrictResult, QuarterInput, QuarterResult, TieBreak } from './types'

interface Standing {
  result: QuarterDistrictResult
  mean: Rational
  professional: Rational
}

function months(input: QuarterInput): { labels: string[]; byMonth: Map<string, MonthResult> } {
  let labels: string[]
  try {
    labels = monthsOfQuarter(input.quarter)
  } catch {
    throw new ScoringInputError('invalid_input', `quarter must be YYYY-Qn, got ${JSON.stringify(input.quarter)}`, { field: 'quarter' })
  }
  const byMonth = new Map<string, MonthResult>()
  for (const m of input.months) {
    if (!labels.includes(m.month)) {
      throw new ScoringInputError('wrong_quarter', `month ${m.month} is not in quarter ${input.quarter}`, { month: m.month })
    }
    if (m.preliminary || m.mode !== 'published') {
      throw new ScoringInputError('unpublished_month', `month ${m.month} is a preliminary result; a quarter uses published months`, { month: m.month })
    }
    if (byMonth.has(m.month)) {
      throw new ScoringInputError('duplicate_month', `month ${m.month} was given twice`, { month: m.month })
    }
    byMonth.set(m.month, m)
  }
  return { labels, byMonth }
}

function standing(code: string, labels: string[], byMonth: Map<string, MonthResult>): Standing {
  const rows: DistrictMonthResult[] = labels.map((month) => byMonth.get(month)!.districts.find((r) => r.districtCode === code)!)
  rows.forEach((r, i) => {
    if (r.incomplete.length > 0) {
      throw new ScoringInputError('incomplete_month', `district ${code} is incomplete in ${labels[i]} (${r.incomplete.join(', ')})`, {
        districtCode: code,
        month: labels[i],
      })
    }
  })
  const three = Rational.of(3)
  const mean = rows.reduce((s, r) => s.add(Rational.fromScaled(r.composite.hundredths, 2)), Rational.ZERO).div(three)
  const professional = rows.reduce((s, r) => s.add(Rational.parse(r.professional.exact)), Rational.ZERO).div(three)
  return {
    mean,
    professional,
    result: {
      districtCode: code,
      rank: null,
      reward: false,
      mean: figure(mean, 2),
      monthly: rows.map((r, i) => ({ month: labels[i], hundredths: r.composite.hundredths, display: r.composite.display })),
      professionalMean: figure(professional),
      mediaDeductions: rows.reduce((s, r) => s + r.social.media.deductions, 0),
      decidedBy: null,
    },
  }
}

/** The rule that puts `a` before `b`: higher mean, higher professional mean, fewer media points, lower code. */
function compareStandings(a: Standing, b: Standing): { order: number; by: TieBreak } {
  const byMean = b.mean.compare(a.mean)
  if (byMean !== 0) return { order: byMean, by: 'mean' }
  const byProfessional = b.professional.compare(a.professional)
  if (byProfessional !== 0) return { order: byProfessional, by: 'professional' }
  const byMedia = a.result.mediaDeductions - b.result.mediaDeductions
  if (byMedia !== 0) return { order: byMedia, by: 'media' }
  const a_ = a.result.districtCode
  const b_ = b.result.districtCode
  return { order: a_ < b_ ? -1 : a_ > b_ ? 1 : 0, by: 'code' }
}

/**
 * Ranks a quarter (DESIGN.md §3). Every district named in a ranking group or in any month result must have
 * a published, complete result for each of the three months; otherwise throws ScoringInputError
 * (`missing_month` names the district and month).
 */
export function computeQuarter(input: QuarterInput): QuarterResult {
  const { labels, byMonth } = months(input)
  const { groups, rewardTop } = input.policy.ranking
  const codes = new Set<string>(groups.flatMap((g) => g.districtCodes))
  for (const m of byMonth.values()) for (const r of m.districts) codes.add(r.districtCode)
  const missing: { districtCode: string; month: string }[] = []
  for (const code of [...codes].sort()) {
    for (const month of labels) {
      if (!byMonth.get(month)?.districts.some((r) => r.districtCode === code)) missing.push({ districtCode: code, month })
    }
  }
  if (missing.length > 0) {
    const first = missing[0]
    throw new ScoringInputError(
      'missing_month',
      `district ${first.districtCode} has no published result for ${first.month}` +
        (missing.length > 1 ? ` (and ${missing.length - 1} more missing)` : ''),
      { missing },
    )
  }
  const standings = new Map([...codes].sort().map((code) => [code, standing(code, labels, byMonth)]))
  const ranked = groups.map((g) => {
    const members = [...new Set(g.districtCodes)].map((c) => standings.get(c)!)
    members.sort((a, b) => compareStandings(a, b).order)
    const ranking = members.map((s, i) => ({
      ...s.result,
      rank: i + 1,
      reward: i < rewardTop,
      decidedBy: i === 0 ? null : compareStandings(members[i - 1], s).by,
    }))
    return { id: g.id, name: g.name, ranking }
  })
  const grouped = new Set(groups.flatMap((g) => g.districtCodes))
  return {
    kind: 'quarter',
    quarter: input.quarter,
    months: labels,
    policyVersion: input.policy.version,
    rewardTop,
    groups: ranked,
    ungrouped: [...standings.values()].filter((s) => !grouped.has(s.result.districtCode)).map((s) => s.result),
  }
}
