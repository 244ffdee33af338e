// The supervisor's sheets and scores in headless Chromium against the real server over the demo months. Prepared
// through the API: an inspector's finding in 南岗区 this month with a photo, confirmed by the supervisor. In the
// browser, supervisor lina: brings that finding and a demo one to the sheet form as the review screen does, is told
// in Chinese what is missing, issues the sheet, sees it in the list and opens its A4 page with the photo. Then she
// opens last month's scores (preliminary), drills into a district down to its findings, publishes the month through
// the confirmation, and the figures on screen are GET /api/scores/months/:month's, which /verify recomputes from
// the stored inputs. A finding of that month confirmed late leaves them frozen and shows as a difference beside
// them. The quarter shows its ranking and prints; the month table downloads as Excel; a phone shows the same
// table without the page itself scrolling sideways.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, LINES, type RectificationOrder } from '@shared/domain'
import { DEMO_USER_IDS, SEED_CHECKLISTS } from '@shared/seed'
import { deductionFor, type MonthResult } from '@shared/scoring'
import { addMonths, monthOf, monthsOfQuarter, quarterOf } from '@shared/time'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { apiCaller, signedInPage, type Caller } from '../support/e2e-api'
import { finding as fixtureFinding } from '../support/fixtures'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const NANGANG = '230103'

interface MonthView {
  month: string
  source: 'frozen' | 'live'
  published: { inputHash: string } | null
  result: MonthResult
}

/** Screens wait on the server and on the first sync, which runs beside them: a poll allows for both. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 })

/** "2026-11-25T17:20:00+08:00": now as a device in Harbin writes it. */
function harbinNow(): string {
  return `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

describe.skipIf(!HAS_BROWSER)('sheets and scores, in Chromium against the real server', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let desk: BrowserContext
  let page: Page
  let lina: Caller
  let photoFinding: string
  let photoSha: string
  const zone = DEFAULT_POLICY.timeZone
  const thisMonth = monthOf(Date.now(), zone)
  // The last month that has ended: it can be published.
  const month = addMonths(thisMonth, -1)

  const as = (username: string) => apiCaller(server.url, username)
  const signIn = (context: BrowserContext, username: string) => signedInPage(context, server.url, username)

  /** Every figure of the table as shown: district → cell key → text. */
  async function tableFigures(p: Page): Promise<Record<string, Record<string, string>>> {
    const cells = await p.locator('[data-test=cell]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-district'), e.getAttribute('data-key'), e.textContent?.trim()]))
    const out: Record<string, Record<string, string>> = {}
    for (const [d, k, v] of cells) (out[d!] ??= {})[k!] = v!
    return out
  }

  /** The same figures as the API's month view gives them, written as the table writes them. */
  function apiFigures(r: MonthResult): Record<string, Record<string, string>> {
    const yuan = (fen: number) => `${String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100).padStart(2, '0')}`
    return Object.fromEntries(
      r.districts.map((d) => [
        d.districtCode,
        {
          ...Object.fromEntries(LINES.map((l) => [`line:${l}`, d.professional.lines.find((x) => x.line === l)!.display])),
          professional: d.professional.display,
          complaints: d.social.complaints.score.display,
          media: d.social.media.display,
          survey: d.social.survey.display,
          social: d.social.mean.display,
          composite: d.composite.display,
          paid: yuan(d.funding.reduce((s, f) => s + f.paidFen, 0)),
          withheld: yuan(d.funding.reduce((s, f) => s + f.withheldFen, 0)),
        },
      ]),
    )
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-scores-'))
    server = await startServerProcess({ KAOPING_DATA: dataDir })
    browser = await launchBrowser()
    lina = await as('lina')

    // A finding with a photo this month in 南岗, confirmed: the demo findings carry no photos.
    const inspector = await as('zhangwei')
    const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer()
    photoSha = Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))).toString('hex')
    const put = await inspector.call(`/photos/${photoSha}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) })
    expect(put.status).toBeLessThan(300)
    const f = fixtureFinding(DEMO_USER_IDS.zhangwei, { quantity: 1, deduction: 2000, photos: [photoSha], deviceId: inspector.device, recordedAt: harbinNow(), street: '红军街 12 号' })
    photoFinding = f.id
    await inspector.push([inspector.mutation('finding.create', f)])
    await lina.push([
      lina.mutation('review.create', { id: randomUUID(), findingId: photoFinding, supervisorId: DEMO_USER_IDS.lina, decision: 'confirm', reason: '', at: new Date().toISOString() }),
    ])

    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true })
    page = await signIn(desk, 'lina')
  }, 240_000)

  afterAll(async () => {
    await desk?.close()
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('issues a sheet from findings brought from review, sees it in the list and opens its A4 page', async () => {
    // A demo finding of the same district, confirmed and on no sheet, beside the one with the photo.
    const { rows } = await lina.json<{ rows: { id: string }[] }>(`/findings?district=${NANGANG}&status=confirmed&month=${thisMonth}&limit=500`)
    const sheetsBefore = (await lina.json<{ items: RectificationOrder[] }>(`/rectifications?district=${NANGANG}`)).items
    const taken = new Set(sheetsBefore.flatMap((o) => o.findingIds))
    const other = rows.find((r) => r.id !== photoFinding && !taken.has(r.id))!.id
    await page.goto(`${server.url}/sheets?findings=${photoFinding},${other}`)
    await page.locator('[data-test=issue-form]').waitFor()
    await poll(() => page.locator('[data-test=picked-finding]').count()).toBe(2)
    await poll(() => page.locator('[data-test=locked-district]').innerText()).toContain('南岗区')

    // Nothing written in the requirements: said beside the field, in Chinese, and nothing sent.
    await page.locator('[data-test=issue-submit]').click()
    expect(await page.locator('[data-test=requirements-problem]').innerText()).toBe('请填写整改要求')
    // A deadline already past is refused beside the deadline.
    await page.locator('[data-test=deadline-date]').fill('2020-01-01')
    await page.locator('[data-test=requirements]').fill('立即清理，恢复路面整洁，于期限内上传整改后照片。')
    await page.locator('[data-test=issue-submit]').click()
    expect(await page.locator('[data-test=deadline-problem]').innerText()).toBe('整改期限须晚于当前时间')
    expect((await lina.json<{ items: RectificationOrder[] }>(`/rectifications?district=${NANGANG}`)).items).toEqual(sheetsBefore)

    await page.locator('[data-test=deadline-date]').fill('')
    await page.getByRole('button', { name: '7 天后' }).click()
    await page.locator('[data-test=deadline-time]').fill('17:30')
    await page.locator('[data-test=issue-submit]').click()
    await page.waitForURL(/\/sheets\/[0-9a-f-]{36}$/)
    const id = new URL(page.url()).pathname.split('/').pop()!

    const stored = await lina.json<{ order: RectificationOrder }>(`/rectifications/${id}`)
    expect(stored.order.findingIds).toEqual([photoFinding, other])
    expect(stored.order.requirements).toBe('立即清理，恢复路面整洁，于期限内上传整改后照片。')
    // 17:30 in Harbin, seven days on, whatever zone the browser is in.
    expect(stored.order.deadline).toMatch(/T17:30:00\+08:00$/)
    expect(await page.locator('[data-test=sheet-number]').innerText()).toBe(stored.order.number)
    expect(await page.locator('[data-test=sheet-deadline]').innerText()).toContain('17:30')
    await poll(() => page.locator('[data-test=sheet-finding]').count()).toBe(2)
    await poll(() => page.locator('[data-test=map-point]').count()).toBe(2)
    // The photo, fetched with the session: an image that has loaded.
    await poll(() => page.locator('[data-test=photo] img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)

    await page.locator('[data-test=nav-sheets]').first().click()
    const row = page.locator(`[data-test=sheet-row][data-id="${id}"]`)
    await row.waitFor()
    expect(await row.innerText()).toContain('新交办')
    await row.locator('[data-test=sheet-open]').click()
    await page.waitForURL(`**/sheets/${id}`)

    const [tab] = await Promise.all([desk.waitForEvent('page'), page.locator('[data-test=print]').click()])
    await tab.waitForLoadState()
    expect(new URL(tab.url()).pathname).toBe(`/api/rectifications/${id}/print`)
    const html = await tab.content()
    expect(html).toContain(stored.order.number)
    expect(html).toContain('问题交办单')
    await poll(() => tab.locator(`img[src*="${photoSha}"]`).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await tab.close()
  }, 120_000)

  it('shows the month preliminary, drills down to the findings, publishes it and shows exactly the published figures', async () => {
    await page.goto(`${server.url}/scores?month=${month}`)
    await poll(() => page.locator('[data-test=month-state]').getAttribute('data-state')).toBe('preliminary')
    await poll(() => page.locator('[data-test=score-row]').count()).toBe(9)
    const preliminary = await lina.json<MonthView>(`/scores/months/${month}`)
    expect(preliminary.source).toBe('live')
    expect(await tableFigures(page)).toEqual(apiFigures(preliminary.result))

    // Drill into 南岗's sanitation: the items and findings the engine counted.
    await page.locator(`[data-test=cell][data-district="${NANGANG}"][data-key="line:sanitation"]`).click()
    const drill = page.locator('[data-test=drill]')
    await drill.waitFor()
    const counted = preliminary.result.districts.find((d) => d.districtCode === NANGANG)!.professional.lines.find((l) => l.line === 'sanitation')!
    const ids = counted.items.flatMap((i) => i.findingIds)
    expect(ids.length).toBeGreaterThan(0)
    await poll(() => drill.locator('[data-section="line:sanitation"] [data-test=drill-finding]').count()).toBe(ids.length)
    const shown = await drill.locator('[data-section="line:sanitation"] [data-test=drill-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
    expect(new Set(shown)).toEqual(new Set(ids))
    expect(await drill.locator('[data-test=drill-composite]').innerText()).toBe(preliminary.result.districts.find((d) => d.districtCode === NANGANG)!.composite.display)
    await drill.locator('[data-test=drill-close]').click()
    await drill.waitFor({ state: 'detached' })

    // Publish, through the confirmation: it previews the figures as they will be frozen.
    await page.locator('[data-test=publish]').click()
    const dialog = page.locator('[data-test=publish-dialog]')
    await dialog.waitFor()
    await poll(() => dialog.locator('[data-test=publish-row]').count()).toBe(9)
    const asPublished = await lina.json<MonthView>(`/scores/months/${month}?mode=published`)
    const previewed = await dialog.locator('[data-test=publish-composite]').allInnerTexts()
    expect(previewed).toEqual(asPublished.result.districts.map((d) => d.composite.display))
    await dialog.locator('[data-test=publish-confirm]').click()
    await dialog.waitFor({ state: 'detached' })
    await poll(() => page.locator('[data-test=month-state]').getAttribute('data-state')).toBe('published')
    expect(await page.locator('[data-test=said]').innerText()).toContain(`${month} 已发布`)

    const published = await lina.json<MonthView>(`/scores/months/${month}`)
    expect(published.source).toBe('frozen')
    expect(published.result.mode).toBe('published')
    const onScreen = await tableFigures(page)
    expect(onScreen).toEqual(apiFigures(published.result))
    // Confirmed findings only: the same figures the dialog promised.
    expect(Object.values(onScreen).map((d) => d.composite)).toEqual(previewed)
    // The engine, run again over the stored inputs, gives what was frozen.
    const verified = await lina.json<{ matches: boolean; resultMatches: boolean; inputHashMatches: boolean; storedInputHash: string }>(`/scores/months/${month}/verify`)
    expect(verified).toMatchObject({ matches: true, resultMatches: true, inputHashMatches: true, storedInputHash: published.published!.inputHash })
    await page.locator('[data-test=verify]').click()
    await poll(() => page.locator('[data-test=verified]').getAttribute('data-ok')).toBe('true')

    // A finding of that month arrives late from a tablet and is confirmed: the frozen figures stay, and the current
    // ones show beside them. An item 南岗 had no deduction for, so the line really moves.
    const frozenLine = published.result.districts.find((d) => d.districtCode === NANGANG)!.professional.lines.find((l) => l.line === 'sanitation')!
    const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!
    const item = sanitation.items.find((i) => !frozenLine.items.some((x) => x.itemCode === i.code) && i.deductionPerUnit <= i.monthlyCap)!
    const inspector = await as('zhangwei')
    const late = fixtureFinding(DEMO_USER_IDS.zhangwei, {
      itemCode: item.code, quantity: 1, deduction: deductionFor(1, item.deductionPerUnit), photos: [photoSha], deviceId: inspector.device,
      recordedAt: `${month}-15T10:00:00+08:00`, street: '红军街 30 号',
    })
    await inspector.push([inspector.mutation('finding.create', late)])
    await lina.push([
      lina.mutation('review.create', { id: randomUUID(), findingId: late.id, supervisorId: DEMO_USER_IDS.lina, decision: 'confirm', reason: '', at: new Date().toISOString() }),
    ])
    const moved = await lina.json<MonthView & { changedSincePublished: boolean; current: { result: MonthResult } }>(`/scores/months/${month}`)
    expect(moved.changedSincePublished).toBe(true)
    expect(moved.result).toEqual(published.result)
    const nowLine = moved.current.result.districts.find((d) => d.districtCode === NANGANG)!.professional.lines.find((l) => l.line === 'sanitation')!
    // Beside it, today's inputs scored preliminary: the late finding counts there (with any still unconfirmed).
    expect(nowLine.items.find((i) => i.itemCode === item.code)!.findingIds).toEqual([late.id])
    const drop = frozenLine.score - nowLine.score
    expect(drop).toBeGreaterThanOrEqual(late.deduction)
    await page.reload()
    await page.locator('[data-test=changed]').waitFor()
    expect(await tableFigures(page)).toEqual(apiFigures(published.result))
    const cellNow = page.locator(`[data-test=score-row][data-district="${NANGANG}"] td:has([data-key="line:sanitation"]) [data-test=cell-now]`)
    expect(await cellNow.innerText()).toBe(`现为 ${nowLine.display}（−${(drop / 1000).toFixed(3)}）`)
    await page.locator('[data-test=verify]').click()
    await poll(() => page.locator('[data-test=verified]').getAttribute('data-ok')).toBe('false')
    expect(await page.locator('[data-test=verified]').innerText()).toContain('南岗区')

    // The screen still shows the frozen month, and offers no second publication.
    expect(await page.locator('[data-test=month-state]').getAttribute('data-state')).toBe('published')
    expect(await page.locator('[data-test=publish]').count()).toBe(0)

    // The table as Excel: the file the server names, with the figures on screen.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=month-download-xlsx]').click()])
    expect(download.suggestedFilename()).toBe(`kaoping-scores-${month}-published.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await download.path())!)
    const ws = wb.worksheets[0]!
    expect(ws.rowCount).toBe(10)
    const head = (ws.getRow(1).values as unknown[]).map(String)
    const composite = head.indexOf('综合得分')
    expect(composite).toBeGreaterThan(0)
    published.result.districts.forEach((d, i) => expect(ws.getRow(i + 2).getCell(composite).value).toBe(d.composite.hundredths / 100))
  }, 120_000)

  it('draws the trend and the loss by line, and shows the quarter ranked with the top three, printable', async () => {
    await page.goto(`${server.url}/scores?month=${month}`)
    // One line per district over six months, and one bar per district.
    await poll(() => page.locator('[data-test=trend-chart] g[data-district] path').count()).toBe(9)
    await poll(() => page.locator('[data-test=breakdown-chart] g[data-district]').count()).toBe(9)

    // The quarter of the published month lacks months still unpublished (or not over): the screen names them.
    const quarter = quarterOf(month)
    const others = monthsOfQuarter(quarter).filter((m) => m !== month)
    await page.goto(`${server.url}/scores/quarter?quarter=${quarter}`)
    const notPublished = page.locator('[data-test=quarter-not-published]')
    await notPublished.waitFor()
    for (const m of others) expect(await notPublished.innerText()).toContain(m)

    // The last quarter whose months have all ended, its months published through the API, ranked on screen.
    const ranked = others.every((m) => m < thisMonth) ? quarter : quarterOf(addMonths(monthsOfQuarter(quarter)[0], -1))
    for (const m of monthsOfQuarter(ranked)) {
      if (m === month) continue
      expect((await lina.call(`/scores/months/${m}/publish`, { method: 'POST' })).status).toBe(201)
    }
    await page.goto(`${server.url}/scores/quarter?quarter=${ranked}`)
    await page.locator('[data-test=quarter-report]').waitFor()
    const view = await lina.json<{ result: { groups: { ranking: { districtCode: string; rank: number; reward: boolean; mean: { display: string } }[] }[] } }>(`/scores/quarters/${ranked}`)
    const ranking = view.result.groups.flatMap((g) => g.ranking)
    const rows = await page.locator('[data-test=quarter-row]').evaluateAll((els) =>
      els.map((e) => ({ district: e.getAttribute('data-district'), rank: e.getAttribute('data-rank'), reward: e.getAttribute('data-reward'), mean: e.querySelector('[data-test=quarter-mean]')?.textContent?.trim() })),
    )
    expect(rows).toEqual(ranking.map((r) => ({ district: r.districtCode, rank: String(r.rank), reward: String(r.reward), mean: r.mean.display })))
    expect(rows.filter((r) => r.reward === 'true')).toHaveLength(3)

    // Printed, only the report shows: the controls and the app's bars are hidden.
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('[data-test=quarter-report]').evaluate((e) => getComputedStyle(e).visibility)).toBe('visible')
    expect(await page.locator('[data-test=print]').isVisible()).toBe(false)
    expect(await page.locator('[data-test=nav-top]').evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden')
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await page.emulateMedia({ media: 'screen' })
  }, 120_000)

  it('fits a phone: the table scrolls inside its frame, the page does not, and the language switches to English', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true })
    const p = await signIn(phone, 'lina')
    await p.goto(`${server.url}/scores?month=${month}`)
    await poll(() => p.locator('[data-test=score-row]').count()).toBe(9)
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    const cell = p.locator(`[data-test=cell][data-district="${NANGANG}"][data-key="composite"]`)
    const box = (await cell.boundingBox())!
    expect(box.height).toBeGreaterThanOrEqual(48)
    await p.locator('[data-test=lang]').click()
    await poll(() => p.locator('[data-test=month-state]').innerText()).toBe('Published and frozen')
    await phone.close()
  }, 120_000)
})
