// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF rows, RFC 4180
// quoting, and text that a spreadsheet would run as a formula defused.
import type { Context } from 'hono'

/** `both`: Chinese header with the English in parentheses; cell words follow Chinese unless `en`. */
export type CsvLang = 'zh' | 'en' | 'both'

export interface Column<R> {
  zh: string
  en: string
  value: (row: R, lang: CsvLang) => string | number | null | undefined
}

const NUMBER = /^-?\d+(\.\d+)?$/

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  let s = String(v)
  // A cell starting with = + - @ (or a tab or CR) is a formula to Excel; numbers are left as they are.
  if (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function header(col: { zh: string; en: string }, lang: CsvLang): string {
  return lang === 'zh' ? col.zh : lang === 'en' ? col.en : `${col.zh} (${col.en})`
}

export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[], lang: CsvLang): string {
  const lines = [columns.map((c) => cell(header(c, lang))).join(',')]
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r, lang))).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

/** An attachment download; `filename` is plain ASCII. */
export function csvResponse(c: Context, text: string, filename: string): Response {
  return c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  })
}

/** Fen as yuan with two decimals: 123456 → "1234.56". */
export function yuan(fen: number): string {
  const neg = fen < 0
  const digits = String(Math.abs(fen)).padStart(3, '0')
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
}
