// The score tables as XLSX on every database: the month, its funding and the quarter open in a spreadsheet with
// the CSV's headers, numbers typed and formatted, and the same figures the JSON view gives; a district user's
// workbook holds their own row only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { LINE_NAMES } from '@shared/domain'
import type { MonthView } from '../../server/src/scores/month-view'
import type { QuarterView } from '../../server/src/scores/quarter-view'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface Sheet {
  ws: ExcelJS.Worksheet
  head: string[]
  /** Column number (1-based) of the header ending in `(en)`, or equal to it. */
  col: (en: string) => number
  cell: (row: number, en: string) => ExcelJS.Cell
}

async function workbook(res: Response): Promise<Sheet> {
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200)
  expect(res.headers.get('content-type')).toBe(XLSX)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  expect(wb.worksheets).toHaveLength(1)
  const ws = wb.worksheets[0]!
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  const col = (en: string) => {
    const i = head.findIndex((h) => h === en || h.endsWith(`(${en})`))
    expect(i, `column ${en} in ${head.join(' | ')}`).toBeGreaterThanOrEqual(0)
    return i + 1
  }
  return { ws, head, col, cell: (row, en) => ws.getRow(row).getCell(col(en)) }
}

/** CSV rows of a response, without the byte-order mark. */
async function csvRows(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200)
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()))
  return text.slice(1).split('\r\n').slice(0, -1).map((l) => l.split(','))
}

const sumFen = (d: MonthView['result']['districts'][number], k: 'atStakeFen' | 'paidFen' | 'withheldFen') => d.funding.reduce((s, f) => s + f[k], 0)

describe.each(DIALECTS)('score tables as XLSX on %s', (dialect) => {
  let t: TestApp
  let lina: SignedIn
  let nangang: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    lina = await t.login('lina')
    nangang = await t.login('nangang')
    for (const m of ['2026-07', '2026-08', '2026-09']) {
      const res = await t.app.request(`/api/scores/months/${m}/publish`, { method: 'POST', headers: lina.headers })
      expect(res.status, await res.clone().text()).toBe(201)
    }
  })
  afterAll(async () => t?.close())

  const get = (who: SignedIn, path: string) => t.app.request(`/api/scores${path}`, { headers: who.headers })
  const json = async <T>(who: SignedIn, path: string): Promise<T> => {
    const res = await get(who, path)
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }

  it('downloads a preliminary month with the CSV headers and the JSON figures as numbers', async () => {
    const view = await json<MonthView>(lina, '/months/2026-11')
    const res = await get(lina, '/months/2026-11?format=xlsx')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-scores-2026-11-preliminary.xlsx"')
    const s = await workbook(res)
    expect(s.ws.name).toBe('月度成绩 2026-11')
    expect(s.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const csv = await csvRows(await get(lina, '/months/2026-11?format=csv'))
    expect(s.head).toEqual(csv[0])
    expect(s.ws.rowCount).toBe(1 + view.result.districts.length)
    view.result.districts.forEach((d, i) => {
      const row = i + 2
      expect(s.cell(row, 'District code').value).toBe(d.districtCode)
      expect(s.cell(row, 'District').value).toBe(view.districtNames[d.districtCode]!.zh)
      for (const line of d.professional.lines) {
        const c = s.cell(row, LINE_NAMES[line.line].en)
        expect(c.value).toBe(Number(line.display))
        expect(c.numFmt).toBe('0.000')
      }
      expect(s.cell(row, 'Professional').value).toBe(Number(d.professional.display))
      expect(s.cell(row, 'Complaints').value).toBe(Number(d.social.complaints.score.display))
      expect(s.cell(row, 'Media').value).toBe(Number(d.social.media.display))
      expect(s.cell(row, 'Survey').value).toBe(Number(d.social.survey.display))
      expect(s.cell(row, 'Composite').value).toBe(d.composite.hundredths / 100)
      expect(s.cell(row, 'Composite').numFmt).toBe('0.00')
      expect(s.cell(row, 'Paid (yuan)').value).toBe(sumFen(d, 'paidFen') / 100)
      expect(s.cell(row, 'Withheld (yuan)').value).toBe(sumFen(d, 'withheldFen') / 100)
      expect(s.cell(row, 'Withheld (yuan)').numFmt).toBe('"¥"#,##0.00')
      expect(s.cell(row, 'Result').value).toBe('初步')
      // Every typed cell holds what the CSV writes, as a number.
      csv[i + 1]!.forEach((text, k) => {
        const v = s.ws.getRow(row).getCell(k + 1).value
        if (text === '') expect(v).toBeNull()
        else expect(String(v)).toBe(typeof v === 'number' ? String(Number(text)) : text)
      })
    })
  })

  it('marks a published month as published, in English when asked', async () => {
    const view = await json<MonthView>(lina, '/months/2026-09')
    expect(view.source).toBe('frozen')
    const res = await get(lina, '/months/2026-09?format=xlsx&lang=en')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-scores-2026-09-published.xlsx"')
    const s = await workbook(res)
    expect(s.ws.name).toBe('Scores 2026-09')
    expect(s.head.slice(0, 3)).toEqual(['District code', 'District', 'Sanitation'])
    view.result.districts.forEach((d, i) => {
      expect(s.cell(i + 2, 'District').value).toBe(view.districtNames[d.districtCode]!.en)
      expect(s.cell(i + 2, 'Composite').value).toBe(Number(d.composite.display))
      expect(s.cell(i + 2, 'Result').value).toBe('published')
    })
  })

  it('gives a district user a workbook with their own row only', async () => {
    const res = await get(nangang, '/months/2026-09?format=xlsx')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-scores-2026-09-published-230103.xlsx"')
    const s = await workbook(res)
    expect(s.ws.rowCount).toBe(2)
    expect(s.cell(2, 'District code').value).toBe('230103')
  })

  it('downloads funding per district and line with money in yuan and the share paid', async () => {
    const body = await json<any>(lina, '/months/2026-09/funding')
    const res = await get(lina, '/months/2026-09/funding?format=xlsx')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-funding-2026-09-published.xlsx"')
    const s = await workbook(res)
    expect(s.ws.name).toBe('考核资金 2026-09')
    expect(s.ws.rowCount).toBe(1 + body.rows.length)
    expect(body.rows.length).toBe(27)
    body.rows.forEach((r: any, i: number) => {
      const row = i + 2
      expect(s.cell(row, 'District code').value).toBe(r.districtCode)
      expect(s.cell(row, 'Composite').value).toBe(Number(r.composite))
      expect(s.cell(row, 'Budget (yuan)').value).toBe(r.budgetFen / 100)
      expect(s.cell(row, 'At stake (yuan)').value).toBe(r.atStakeFen / 100)
      expect(s.cell(row, 'Paid (yuan)').value).toBe(r.paidFen / 100)
      expect(s.cell(row, 'Withheld (yuan)').value).toBe(r.withheldFen / 100)
      expect(s.cell(row, 'Share paid').value).toBe(Number(r.factor.display))
      expect(s.cell(row, 'Share paid').numFmt).toBe('0.000000')
    })
    const withheld = body.rows.reduce((sum: number, _: unknown, i: number) => sum + Math.round((s.cell(i + 2, 'Withheld (yuan)').value as number) * 100), 0)
    expect(withheld).toBe(body.totals.withheldFen)
  })

  it('downloads the quarter ranking with ranks, monthly composites, means and rewards', async () => {
    const view = await json<QuarterView>(lina, '/quarters/2026-Q3')
    const res = await get(nangang, '/quarters/2026-Q3?format=xlsx')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-quarter-2026-Q3.xlsx"')
    const s = await workbook(res)
    expect(s.ws.name).toBe('季度排名 2026-Q3')
    const ranking = view.result.groups.flatMap((g) => g.ranking)
    expect(ranking).toHaveLength(9)
    expect(s.ws.rowCount).toBe(1 + ranking.length + view.result.ungrouped.length)
    ranking.forEach((r, i) => {
      const row = i + 2
      expect(s.cell(row, 'Rank').value).toBe(r.rank)
      expect(s.cell(row, 'Rank').numFmt).toBe('0')
      expect(s.cell(row, 'District code').value).toBe(r.districtCode)
      view.result.months.forEach((m, k) => expect(s.cell(row, `${m} composite`).value).toBe(r.monthly[k]!.hundredths / 100))
      expect(s.cell(row, 'Quarter mean').value).toBe(Number(r.mean.display))
      expect(s.cell(row, 'Quarter mean').numFmt).toBe('0.00')
      expect(s.cell(row, 'Media deductions').value).toBe(r.mediaDeductions / 1000)
      expect(s.cell(row, 'Reward').value).toBe(r.reward ? '是' : '否')
    })
    expect(ranking.filter((r) => r.reward)).toHaveLength(3)
  })

  it('refuses a format it does not make, naming the field', async () => {
    const res = await get(lina, '/months/2026-09?format=pdf')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: { issues: { field: string }[] } } }
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues[0]!.field).toBe('format')
  })
})
