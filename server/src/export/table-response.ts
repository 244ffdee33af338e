// A list route's table as a download: CSV (scores/csv.ts) or XLSX (./xlsx.ts) from one set of columns.
import type { Context } from 'hono'
import { z } from 'zod'
import { csvResponse, toCsv } from '../scores/csv'
import { toXlsx, xlsxResponse, type XlsxTable } from './xlsx'

/** The download options of a list route's query. */
export const DownloadQuery = {
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  /** Header and words: `both` (Chinese with English in parentheses), `zh` or `en`. */
  lang: z.enum(['zh', 'en', 'both']).default('both'),
}

/** `basename` is plain ASCII; the extension follows the format. */
export async function tableDownload<R>(c: Context, format: 'csv' | 'xlsx', table: XlsxTable<R>, basename: string): Promise<Response> {
  if (format === 'csv') return csvResponse(c, toCsv(table.columns, table.rows, table.lang), `${basename}.csv`)
  return xlsxResponse(c, await toXlsx(table), `${basename}.xlsx`)
}
