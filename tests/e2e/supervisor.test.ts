// The supervisor's month in one sitting, in headless Chromium against the real server: lina filters the review
// map to 南岗's submitted findings of last month, rejects one and confirms another, sees the preliminary score
// move by exactly the rejected deduction, issues a sheet from the confirmed one, publishes the month through its
// confirmation, and the published figures on screen are the API's, which the engine recomputes from the stored
// inputs; 南岗's sanitation line is 100 less the one confirmed deduction, worked out here by hand.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, HARBIN_DISTRICT_CODES, type Finding, type RectificationOrder } from '@shared/domain'
import type { LineResult, MonthResult } from '@shared/scoring'
import { addMonths, monthOf } from '@shared/time'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { apiCaller, signedInPage, type Caller } from '../support/e2e-api'
import { ITEM, finding } from '../support/fixtures'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const NANGANG = '230103'
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 })

interface MonthView {
  source: 'frozen' | 'live'
  published: { inputHash: string } | null
  result: MonthResult
}

describe.skipIf(!HAS_BROWSER)("the supervisor's month, in Chromium against the real server", () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let desk: BrowserContext
  let page: Page
  let lina: Caller
  let zhang: Caller
  // The last month that has ended, so that it may be published; reference data only, so it holds just these.
  const month = addMonths(monthOf(Date.now(), DEFAULT_POLICY.timeZone), -1)
  let rejected: Finding
  let confirmed: Finding

  const sanitationOf = (r: MonthResult): LineResult =>
    r.districts.find((d) => d.districtCode === NANGANG)!.professional.lines.find((l) => l.line === 'sanitation')!
  const cell = (key: string) => page.locator(`[data-test=cell][data-district="${NANGANG}"][data-key="${key}"]`)
  const row = (id: string) => page.locator(`[data-test=review-row][data-id="${id}"]`)
  const statusOf = async (id: string) => (await lina.json<{ finding: { status: string } }>(`/findings/${id}`)).finding.status

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-supervisor-'))
    server = await startServerProcess({ KAOPING_DATA: dataDir, KAOPING_SEED: 'reference' })
    lina = await apiCaller(server.url, 'lina')
    zhang = await apiCaller(server.url, 'zhangwei')
    const at = (day: number) => ({ quantity: 1, deduction: ITEM.deductionPerUnit, deviceId: zhang.device, recordedAt: `${month}-${day}T10:00:00+08:00` })
    rejected = finding(zhang.userId, { ...at(10), street: '红军街 8 号' })
    confirmed = finding(zhang.userId, { ...at(12), street: '果戈里大街 120 号' })
    await zhang.push([zhang.mutation('finding.create', rejected), zhang.mutation('finding.create', confirmed)])
    // The survey team's scores complete the month; without them it cannot be published.
    for (const code of HARBIN_DISTRICT_CODES) await lina.json(`/survey-scores/${month}/${code}`, { method: 'PUT', body: { score: 90_000 } })

    browser = await launchBrowser()
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    page = await signedInPage(desk, server.url, 'lina')
  }, 240_000)

  afterAll(async () => {
    await desk?.close()
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('filters, rejects and confirms, and the preliminary score moves by exactly the rejected deduction', async () => {
    // Before: the preliminary month counts both submitted findings.
    const before = await lina.json<MonthView>(`/scores/months/${month}`)
    const lineBefore = sanitationOf(before.result)
    const itemBefore = lineBefore.items.find((i) => i.itemCode === ITEM.code)!
    expect(itemBefore.rawTotal).toBe(rejected.deduction + confirmed.deduction)
    await page.goto(`${server.url}/scores?month=${month}`)
    await poll(() => cell('line:sanitation').innerText()).toBe(lineBefore.display)

    await page.goto(`${server.url}/review?month=${month}`)
    await page.locator('[data-test=filter-district]').selectOption(NANGANG)
    await page.locator('[data-test=filter-status][data-status=submitted]').click()
    await poll(() => page.locator('[data-test=review-row]').count()).toBe(2)

    await row(rejected.id).click()
    await page.locator(`[data-test=review-detail][data-id="${rejected.id}"] [data-test=detail-reject]`).click()
    await page.locator('[data-test=reason-input]').fill('位置与照片不符')
    await page.locator('[data-test=reason-submit]').click()
    await poll(() => statusOf(rejected.id)).toBe('rejected')

    await row(confirmed.id).click()
    await page.locator(`[data-test=review-detail][data-id="${confirmed.id}"] [data-test=detail-confirm]`).click()
    await poll(() => statusOf(confirmed.id)).toBe('confirmed')

    // After: the rejected deduction leaves the line, capped as the item's cap says, and the screen shows it.
    const after = await lina.json<MonthView>(`/scores/months/${month}`)
    const lineAfter = sanitationOf(after.result)
    const countedAfter = Math.min(itemBefore.rawTotal - rejected.deduction, itemBefore.cap)
    expect(lineAfter.score - lineBefore.score).toBe(itemBefore.counted - countedAfter)
    expect(lineAfter.score).toBeGreaterThan(lineBefore.score)
    await page.goto(`${server.url}/scores?month=${month}`)
    await poll(() => cell('line:sanitation').innerText()).toBe(lineAfter.display)
    const composite = after.result.districts.find((d) => d.districtCode === NANGANG)!.composite.display
    expect(await cell('composite').innerText()).toBe(composite)
  }, 120_000)

  it('issues a sheet from the confirmed finding', async () => {
    await page.goto(`${server.url}/review?month=${month}&district=${NANGANG}&status=confirmed`)
    await row(confirmed.id).locator('[data-test=review-tick]').click()
    await page.locator('[data-test=review-sheet]').click()
    await page.waitForURL(/\/sheets\?findings=/)
    await poll(() => page.locator('[data-test=picked-finding]').count()).toBe(1)
    await page.locator('[data-test=requirements]').fill('清理路面，恢复整洁，上传整改后照片。')
    await page.getByRole('button', { name: '7 天后' }).click()
    await page.locator('[data-test=deadline-time]').fill('17:30')
    await page.locator('[data-test=issue-submit]').click()
    await page.waitForURL(/\/sheets\/[0-9a-f-]{36}$/)
    const id = new URL(page.url()).pathname.split('/').pop()!
    const { order } = await lina.json<{ order: RectificationOrder }>(`/rectifications/${id}`)
    expect(order).toMatchObject({ districtCode: NANGANG, findingIds: [confirmed.id], status: 'new' })
    expect(await page.locator('[data-test=sheet-number]').innerText()).toBe(order.number)
  }, 120_000)

  it('publishes the month; the figures on screen are the engine’s for the stored inputs', async () => {
    await page.goto(`${server.url}/scores?month=${month}`)
    await page.locator('[data-test=publish]').click()
    const dialog = page.locator('[data-test=publish-dialog]')
    await dialog.waitFor()
    await dialog.locator('[data-test=publish-confirm]').click()
    await poll(() => page.locator('[data-test=month-state]').getAttribute('data-state')).toBe('published')

    const published = await lina.json<MonthView>(`/scores/months/${month}`)
    expect(published.source).toBe('frozen')
    // Only the confirmed finding counts: 100 less its deduction, in thousandths.
    expect(sanitationOf(published.result).score).toBe(100_000 - confirmed.deduction)
    await poll(() => cell('line:sanitation').innerText()).toBe(sanitationOf(published.result).display)
    for (const d of published.result.districts) {
      expect(await page.locator(`[data-test=cell][data-district="${d.districtCode}"][data-key=composite]`).innerText()).toBe(d.composite.display)
    }
    const verified = await lina.json<{ matches: boolean; storedInputHash: string }>(`/scores/months/${month}/verify`)
    expect(verified).toMatchObject({ matches: true, storedInputHash: published.published!.inputHash })
  }, 120_000)
})
