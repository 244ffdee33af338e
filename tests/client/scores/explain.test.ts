// The drill-down's shaping and the refusal sentences: which section a figure opens, items with their findings,
// shares as decimals, quarters to choose from, and a server refusal worded in the user's language.
import { describe, expect, it } from 'vitest'
import { SEED_CHECKLISTS } from '@shared/seed'
import type { LineResult } from '@shared/scoring'
import { itemNameIndex, itemRows, pointsText, sectionOf, shareText } from '../../../client/src/features/scores/explain'
import { describeProblem } from '../../../client/src/features/scores/problem'
import { lastEndedQuarter, previousQuarter, recentQuarters } from '../../../client/src/features/scores/quarter-table'
import { fileNameOf, withFormat } from '../../../client/src/features/scores/download'
import messages from '../../../client/src/features/scores/messages'
import type { FindingUsed } from '../../../client/src/features/scores/scores-types'

const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!

function used(id: string, recordedAt: string, deduction = 2000): FindingUsed {
  return { id, line: 'sanitation', itemCode: 'HW-03', checklistVersion: 1, street: '红军街', quantity: 1, deduction, recordedAt, status: 'confirmed' }
}

/** A translate function over the feature's own catalogue, as vue-i18n would resolve `scores.*` keys. */
function words(locale: 'zh' | 'en') {
  const cat = { scores: messages[locale] } as Record<string, unknown>
  const get = (key: string) => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), cat)
  return {
    t: (key: string, values: Record<string, unknown> = {}) => String(get(key) ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? `{${k}}`)),
    te: (key: string) => typeof get(key) === 'string',
    locale: locale === 'en' ? 'en' : 'zh-CN',
    timeZone: 'Asia/Shanghai',
  }
}

describe('the explanation of a district', () => {
  it('opens the section of the figure clicked', () => {
    expect(sectionOf('line:roads')).toBe('line:roads')
    expect(sectionOf('paid')).toBe('funding')
    expect(sectionOf('withheld')).toBe('funding')
    expect(sectionOf('social')).toBe('composite')
    expect(sectionOf('survey')).toBe('survey')
  })

  it('writes shares and points briefly', () => {
    expect(shareText('1/5')).toBe('0.2')
    expect(shareText('0.8')).toBe('0.8')
    expect(shareText('2/3')).toBe('0.666667')
    expect(shareText('3/10')).toBe('0.3')
    expect(pointsText(2500)).toBe('2.5')
    expect(pointsText(10000)).toBe('10')
  })

  it('lists a line’s items by what they cost, each with its findings in recording order and the item’s name', () => {
    const line: LineResult = {
      line: 'sanitation', weight: 30, start: 100000, itemsDeducted: 7000, penaltiesDeducted: 0, score: 93000, display: '93.000', penalties: [],
      items: [
        { itemCode: 'HW-03', checklistId: sanitation.id, checklistVersion: 1, capRule: 'recorded_version', versionsSeen: [], cap: 4000, rawTotal: 6000, counted: 4000, capBit: true, findingIds: ['b', 'a', 'c'] },
        { itemCode: 'HW-01', checklistId: sanitation.id, checklistVersion: 1, capRule: 'recorded_version', versionsSeen: [], cap: 20000, rawTotal: 3000, counted: 3000, capBit: false, findingIds: ['d'] },
      ],
    }
    const rows = itemRows(line, [used('a', '2026-10-03T09:00:00+08:00'), used('b', '2026-10-05T09:00:00+08:00'), used('c', '2026-10-01T09:00:00+08:00'), used('d', '2026-10-02T09:00:00+08:00', 3000)], itemNameIndex(SEED_CHECKLISTS))
    expect(rows.map((r) => r.item.itemCode)).toEqual(['HW-03', 'HW-01'])
    expect(rows[0]!.findings.map((f) => f.id)).toEqual(['c', 'a', 'b'])
    expect(rows[0]!.name).toEqual(sanitation.items.find((i) => i.code === 'HW-03')!.name)
    expect(rows[0]!.missing).toEqual([])
    const partial = itemRows(line, [used('a', '2026-10-03T09:00:00+08:00')], new Map())
    expect(partial[0]!.missing).toEqual(['b', 'c'])
  })
})

describe('quarters and downloads', () => {
  it('steps back through quarters across a year', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4')
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3')
    expect(recentQuarters('2026-02', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3'])
    expect(lastEndedQuarter('2026-11')).toBe('2026-Q3')
    expect(lastEndedQuarter('2027-01')).toBe('2026-Q4')
  })

  it('asks for a table in the chosen format and language, and saves it under the server’s name', () => {
    expect(withFormat('/scores/months/2026-10?mode=published', 'xlsx', 'en')).toBe('/scores/months/2026-10?mode=published&format=xlsx&lang=en')
    expect(withFormat('/rectifications', 'csv', 'zh')).toBe('/rectifications?format=csv&lang=zh')
    expect(fileNameOf('attachment; filename="kaoping-scores-2026-10-published.xlsx"', 'x.xlsx')).toBe('kaoping-scores-2026-10-published.xlsx')
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx')
  })
})

describe('a refusal in the user’s language', () => {
  it('words a known reason with its details, dates in the city', () => {
    const error = { code: 'conflict' as const, message: '2026-10 was published…', details: { reason: 'already_published', month: '2026-10', publishedAt: '2026-11-01T17:30:00.000Z' } }
    expect(describeProblem(409, error, words('zh'), ['scores'])).toBe('2026-10 已于 2026-11-02 发布，已冻结，不能再次发布')
    expect(describeProblem(409, error, words('en'), ['scores'])).toBe('2026-10 was published on 2026-11-02 and is frozen; it cannot be published again')
    const incomplete = { code: 'conflict' as const, message: '', details: { reason: 'incomplete', month: '2026-10', incomplete: [{ districtCode: '230104', missing: ['survey'] }] } }
    expect(describeProblem(409, incomplete, words('zh'), ['scores'])).toBe('2026-10 无法发布：以下区缺项（调查得分）：230104')
  })

  it('passes field issues through in the chosen language, naming the field when asked', () => {
    const error = { code: 'validation_failed' as const, message: 'Invalid query', details: { issues: [{ field: 'month', code: 'invalid_format', zh: '月份格式应为 YYYY-MM', en: 'month must be YYYY-MM' }] } }
    expect(describeProblem(400, error, words('zh'), ['scores'])).toBe('月份格式应为 YYYY-MM')
    expect(describeProblem(400, error, words('en'), ['scores'], (f) => (f === 'month' ? 'Month' : undefined))).toBe('Month: month must be YYYY-MM')
  })

  it('says the network is down, and falls back to the server’s message for anything unknown', () => {
    expect(describeProblem(0, { code: 'unavailable', message: 'network unreachable' }, words('zh'), ['scores'])).toBe('无法连接服务器，请检查网络后重试')
    expect(describeProblem(500, { code: 'internal', message: 'Internal error' }, words('en'), ['scores'])).toBe('Not done: Internal error')
    expect(describeProblem(403, { code: 'forbidden', message: 'This needs the role supervisor' }, words('zh'), ['scores'])).toBe('没有权限查看或操作')
  })
})
