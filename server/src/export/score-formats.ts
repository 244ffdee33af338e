// Number formats for the score tables of scores/csv-tables.ts, told apart by their English headers, so that
// those CSV columns can be written to a workbook unchanged: composites and quarter means to 0.01, the other
// scores and points as the engine shows them (a thousandth), money in yuan, the funding share exactly.
import { LINE_NAMES } from '@shared/domain'
import type { Column } from '../scores/csv'
import type { TableColumn, XlsxFormat } from './xlsx'

const POINTS = new Set<string>([
  ...Object.values(LINE_NAMES).map((n) => n.en),
  'Professional',
  'Complaints',
  'Media',
  'Survey',
  'Social mean',
  'Professional mean',
  'Media deductions',
])

export function scoreFormat(en: string): XlsxFormat {
  if (en.endsWith('(yuan)')) return 'money'
  if (en === 'Composite' || en.endsWith(' composite') || en === 'Quarter mean') return 'score'
  if (POINTS.has(en)) return 'points'
  if (en === 'Share paid') return 'ratio'
  if (en === 'Rank') return 'integer'
  return 'text'
}

/** The columns with their workbook formats. */
export function withScoreFormats<R>(columns: readonly Column<R>[]): TableColumn<R>[] {
  return columns.map((c) => ({ ...c, format: scoreFormat(c.en) }))
}
