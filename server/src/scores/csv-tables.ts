// The three score tables, for CSV and XLSX from one set of columns: a month (one row per district), its funding
// (district × funded line) and a quarter's ranking. Scores appear as the engine displays them; money in yuan with
// two decimals; a workbook types each column by its English header (export/score-formats.ts).
import { LINES, LINE_NAMES, type Line, type Name } from '@shared/domain'
import { showThousandths, type DistrictMonthResult, type QuarterDistrictResult, type TieBreak } from '@shared/scoring'
import { withScoreFormats } from '../export/score-formats'
import type { XlsxTable } from '../export/xlsx'
import { yuan, type Column, type CsvLang } from './csv'
import type { FundingRow } from './funding-table'
import type { MonthView } from './month-view'
import type { QuarterView } from './quarter-view'

const word = (lang: CsvLang, zh: string, en: string) => (lang === 'en' ? en : zh)
const nameIn = (lang: CsvLang, n: Name | undefined) => (n ? (lang === 'en' ? n.en : n.zh) : '')

interface MonthRow {
  d: DistrictMonthResult
  name: Name | undefined
  source: MonthView['source']
  mode: MonthView['result']['mode']
}

const lineColumn = (line: Line): Column<MonthRow> => ({
  zh: LINE_NAMES[line].zh,
  en: LINE_NAMES[line].en,
  value: (r) => r.d.professional.lines.find((l) => l.line === line)?.display,
})

const fundingSum = (r: MonthRow, k: 'atStakeFen' | 'paidFen' | 'withheldFen') => yuan(r.d.funding.reduce((s, f) => s + f[k], 0))

const MONTH_COLUMNS: Column<MonthRow>[] = [
  { zh: '区划代码', en: 'District code', value: (r) => r.d.districtCode },
  { zh: '区', en: 'District', value: (r, lang) => nameIn(lang, r.name) },
  ...LINES.map(lineColumn),
  { zh: '专业得分', en: 'Professional', value: (r) => r.d.professional.display },
  { zh: '投诉', en: 'Complaints', value: (r) => r.d.social.complaints.score.display },
  { zh: '媒体', en: 'Media', value: (r) => r.d.social.media.display },
  { zh: '调查', en: 'Survey', value: (r) => r.d.social.survey.display },
  { zh: '社会评价', en: 'Social mean', value: (r) => r.d.social.mean.display },
  { zh: '综合得分', en: 'Composite', value: (r) => r.d.composite.display },
  { zh: '考核金额（元）', en: 'At stake (yuan)', value: (r) => fundingSum(r, 'atStakeFen') },
  { zh: '拨付（元）', en: 'Paid (yuan)', value: (r) => fundingSum(r, 'paidFen') },
  { zh: '扣减（元）', en: 'Withheld (yuan)', value: (r) => fundingSum(r, 'withheldFen') },
  {
    zh: '结果',
    en: 'Result',
    value: (r, lang) =>
      r.source === 'frozen' ? word(lang, '已发布', 'published') : r.mode === 'preliminary' ? word(lang, '初步', 'preliminary') : word(lang, '试算（发布口径）', 'computed as published'),
  },
  { zh: '缺项', en: 'Incomplete', value: (r, lang) => r.d.incomplete.map((p) => (p === 'survey' ? word(lang, '调查得分', 'survey score') : p)).join(' ') },
]

/** The month as a table, one row per district; the worksheet is named for the month. */
export function monthSheet(view: MonthView, lang: CsvLang): XlsxTable<MonthRow> {
  const rows = view.result.districts.map((d) => ({ d, name: view.districtNames[d.districtCode], source: view.source, mode: view.result.mode }))
  return { sheet: `${word(lang, '月度成绩', 'Scores')} ${view.month}`, columns: withScoreFormats(MONTH_COLUMNS), rows, lang }
}

type FundingCsvRow = FundingRow & { name: Name | undefined }

const FUNDING_COLUMNS: Column<FundingCsvRow>[] = [
  { zh: '区划代码', en: 'District code', value: (r) => r.districtCode },
  { zh: '区', en: 'District', value: (r, lang) => nameIn(lang, r.name) },
  { zh: '专业', en: 'Line', value: (r, lang) => nameIn(lang, LINE_NAMES[r.line]) },
  { zh: '综合得分', en: 'Composite', value: (r) => r.composite },
  { zh: '预算（元）', en: 'Budget (yuan)', value: (r) => yuan(r.budgetFen) },
  { zh: '考核金额（元）', en: 'At stake (yuan)', value: (r) => yuan(r.atStakeFen) },
  { zh: '拨付（元）', en: 'Paid (yuan)', value: (r) => yuan(r.paidFen) },
  { zh: '扣减（元）', en: 'Withheld (yuan)', value: (r) => yuan(r.withheldFen) },
  { zh: '拨付比例', en: 'Share paid', value: (r) => r.factor.display },
]

/** Funding as a table, one row per district and funded line. */
export function fundingSheet(month: string, rows: FundingRow[], names: Record<string, Name>, lang: CsvLang): XlsxTable<FundingCsvRow> {
  return {
    sheet: `${word(lang, '考核资金', 'Funding')} ${month}`,
    columns: withScoreFormats(FUNDING_COLUMNS),
    rows: rows.map((r) => ({ ...r, name: names[r.districtCode] })),
    lang,
  }
}

const TIE_BREAK: Record<TieBreak, Name> = {
  mean: { zh: '季度均分', en: 'quarter mean' },
  professional: { zh: '专业均分', en: 'professional mean' },
  media: { zh: '媒体扣分', en: 'media deductions' },
  code: { zh: '区划代码', en: 'district code' },
}

interface QuarterRow {
  r: QuarterDistrictResult
  group: Name | undefined
  name: Name | undefined
}

function quarterColumns(months: string[]): Column<QuarterRow>[] {
  return [
    { zh: '排名', en: 'Rank', value: (q) => q.r.rank },
    { zh: '区划代码', en: 'District code', value: (q) => q.r.districtCode },
    { zh: '区', en: 'District', value: (q, lang) => nameIn(lang, q.name) },
    { zh: '组', en: 'Group', value: (q, lang) => nameIn(lang, q.group) },
    ...months.map((m, i) => ({ zh: `${m} 综合得分`, en: `${m} composite`, value: (q: QuarterRow) => q.r.monthly[i]?.display })),
    { zh: '季度均分', en: 'Quarter mean', value: (q) => q.r.mean.display },
    { zh: '专业均分', en: 'Professional mean', value: (q) => q.r.professionalMean.display },
    { zh: '媒体扣分', en: 'Media deductions', value: (q) => showThousandths(q.r.mediaDeductions) },
    { zh: '奖励', en: 'Reward', value: (q, lang) => (q.r.reward ? word(lang, '是', 'yes') : word(lang, '否', 'no')) },
    { zh: '名次依据', en: 'Placed by', value: (q, lang) => (q.r.decidedBy ? nameIn(lang, TIE_BREAK[q.r.decidedBy]) : '') },
  ]
}

/** The ranking, group by group, then the districts in no group (unranked). */
export function quarterSheet(view: QuarterView, lang: CsvLang): XlsxTable<QuarterRow> {
  const rows: QuarterRow[] = [
    ...view.result.groups.flatMap((g) => g.ranking.map((r) => ({ r, group: g.name, name: view.districtNames[r.districtCode] }))),
    ...view.result.ungrouped.map((r) => ({ r, group: undefined, name: view.districtNames[r.districtCode] })),
  ]
  return { sheet: `${word(lang, '季度排名', 'Quarter')} ${view.quarter}`, columns: withScoreFormats(quarterColumns(view.result.months)), rows, lang }
}
