// Tables as XLSX workbooks: the same columns a CSV download uses (header zh/en, a value per row), plus a number
// format per column, a bold frozen header row with a filter, and column widths that fit the content.
//
// Cells are written as values, never as formulas, so text that starts with = + - @ needs no defusing here.
import ExcelJS from 'exceljs'
import type { Context } from 'hono'
import { header, type Column, type CsvLang } from '../scores/csv'

/**
 * How a column's cells are typed in the workbook. `text` keeps codes such as 230102 as text. The numeric formats
 * accept numbers or numeric text ("95.12", money as yuan "1234.56"); `date` takes `YYYY-MM-DD` and `datetime`
 * `YYYY-MM-DD HH:MM[:SS]`, both wall-clock time in the city's zone (a spreadsheet has no time zones).
 */
export type XlsxFormat = 'text' | 'integer' | 'score' | 'points' | 'ratio' | 'money' | 'date' | 'datetime'

export const NUMBER_FORMATS: Record<Exclude<XlsxFormat, 'text'>, string> = {
  integer: '0',
  /** Scores as the engine shows them: two decimals. */
  score: '0.00',
  /** Points kept in thousandths and intermediate figures: three decimals, as the engine shows them. */
  points: '0.000',
  /** Exact shares such as the funding factor: six decimals. */
  ratio: '0.000000',
  money: '"¥"#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
}

/** A CSV column (scores/csv.ts) that also says how its cells are typed in a workbook. */
export interface TableColumn<R> extends Column<R> {
  format?: XlsxFormat
  /** Width in characters; fitted to the content when omitted. */
  width?: number
}

export interface XlsxTable<R> {
  /** Worksheet name; cut to Excel's 31 characters, with the characters it forbids replaced. */
  sheet: string
  columns: readonly TableColumn<R>[]
  rows: readonly R[]
  lang: CsvLang
}

type Cell = string | number | Date | null

const NUMERIC = /^-?\d+(\.\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

function typed(v: string | number | null | undefined, format: XlsxFormat): Cell {
  if (v === null || v === undefined || v === '') return null
  if (format === 'text') return String(v)
  if (format === 'date' || format === 'datetime') {
    const m = typeof v === 'string' ? DATE.exec(v) : null
    if (!m) return String(v)
    // Wall-clock parts as UTC: exceljs writes a Date as its UTC serial, so the sheet shows exactly these parts.
    return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)))
  }
  if (typeof v === 'number') return v
  return NUMERIC.test(v) ? Number(v) : v
}

/** Display width in characters: CJK and full-width characters take two. */
function displayWidth(cell: Cell, format: XlsxFormat): number {
  if (cell === null) return 0
  if (cell instanceof Date) return format === 'date' ? 10 : 16
  if (typeof cell === 'number') return String(cell).length + (format === 'money' ? 5 : 2)
  let w = 0
  for (const ch of cell) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1'
}

/** The table as an XLSX file. */
export async function toXlsx<R>(table: XlsxTable<R>): Promise<Buffer> {
  const { columns, rows, lang } = table
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Kaoping'
  wb.created = new Date(0) // a fixed stamp: the same table makes the same workbook
  const ws = wb.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  const formats = columns.map((c) => c.format ?? 'text')
  const heads = columns.map((c) => header(c, lang))
  const widths = heads.map((h) => displayWidth(h, 'text'))

  ws.addRow(heads)
  for (const r of rows) {
    const cells = columns.map((c, i) => typed(c.value(r, lang), formats[i]!))
    cells.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, displayWidth(cell, formats[i]!))))
    ws.addRow(cells)
  }

  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = c.width ?? Math.min(60, Math.max(8, widths[i]! + 2))
    const format = formats[i]!
    if (format !== 'text') {
      col.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
        if (rowNumber > 1) cell.numFmt = NUMBER_FORMATS[format]
      })
    }
  })
  const head = ws.getRow(1)
  head.font = { bold: true }
  head.alignment = { vertical: 'middle' }
  if (columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }

  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An attachment download; `filename` is plain ASCII and ends in .xlsx. */
export function xlsxResponse(c: Context, bytes: Buffer, filename: string): Response {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': XLSX_TYPE,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  })
}
