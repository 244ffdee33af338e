// The supervisor's review workspace in headless Chromium against the real server: lina opens /review over findings
// two inspectors pushed this month, filters by district and status, picks a finding in the list and sees it ringed
// on the map (and the other way round), opens its photo large and zooms, confirms one, rejects one with a reason
// (the missing reason refused in Chinese, then in English), merges a duplicate keeping its photos, sends one back,
// confirms several at once, starts a problem sheet from ticks, and sees a finding an inspector pushes meanwhile
// appear without a reload; after each step the server's own answer is checked. Then the phone layout.
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type Finding } from '@shared/domain'
import { deductionFor } from '@shared/scoring'
import { SEED_CHECKLISTS, harbinDistrictCenters } from '@shared/seed'
import { monthBounds, monthOf } from '@shared/time'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { apiCaller, signedInPage, type Caller } from '../support/e2e-api'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!
const HW03 = sanitation.items.find((i) => i.code === 'HW-03')!
const HW04 = sanitation.items.find((i) => i.code === 'HW-04')!
const NANGANG = harbinDistrictCenters()['230103']!
const DAOLI = harbinDistrictCenters()['230102']!
const M_PER_DEG = 111_195
/** A point `north` and `east` metres from `c`. */
const near = (c: { lat: number; lng: number }, north: number, east = 0) => ({
  lat: c.lat + north / M_PER_DEG,
  lng: c.lng + east / (M_PER_DEG * Math.cos((c.lat * Math.PI) / 180)),
  accuracy: 12,
})

/** An instant written as a device in the city writes it: local wall clock and +08:00. */
const localIso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
/** Waits on the page and the server, which share a busy machine with other tests. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 })

describe.skipIf(!HAS_BROWSER)('supervisor review workspace, in Chromium', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let desk: BrowserContext
  let page: Page
  let zhang: Caller
  let wang: Caller
  let checker: Caller
  const month = monthOf(Date.now(), DEFAULT_POLICY.timeZone)
  // Two hours ago, or just after the month began when that is nearer: every finding falls in this month.
  const base = Math.max(Date.now() - 2 * 3_600_000, monthBounds(month, DEFAULT_POLICY.timeZone).startMs + 60_000)
  const f: Record<string, Finding> = {}
  let photoBytes: Buffer
  let photoSha: string
  const dupPhoto = 'b'.repeat(64)

  /** Items require a photo: findings other than n1 name one the tablet has not uploaded yet. */
  const pending = (minutes: number) => createHash('sha256').update(`pending-${minutes}`).digest('hex')
  function make(who: Caller, minutes: number, where: { lat: number; lng: number; accuracy: number }, district: string, item = HW03, photos = [pending(minutes)]): Finding {
    return {
      id: randomUUID(),
      checklistId: sanitation.id,
      checklistVersion: sanitation.version,
      itemCode: item.code,
      line: 'sanitation',
      quantity: 1,
      deduction: deductionFor(1, item.deductionPerUnit),
      location: where,
      districtCode: district,
      street: `测试街 ${minutes} 号`,
      note: '',
      photos,
      inspectorId: who.userId,
      deviceId: who.device,
      recordedAt: localIso(base + minutes * 60_000),
      status: 'submitted',
    }
  }
  const push = (who: Caller, findings: Finding[]) => who.push(findings.map((x) => who.mutation('finding.create', x)))
  const status = async (id: string) => (await checker.json<{ finding: { status: string; photos: string[] } }>(`/findings/${id}`)).finding
  const listIds = async (query: string) =>
    (await checker.json<{ rows: { id: string }[] }>(`/findings?month=${month}&${query}`)).rows.map((r) => r.id).sort()
  const shownIds = async () => (await page.locator('[data-test=review-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!))).sort()
  const row = (id: string) => page.locator(`[data-test=review-row][data-id="${id}"]`)
  const map = () => page.locator('[data-test=review-map]')

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-review-'))
    // Reference data only: the month holds exactly the findings this test pushes.
    server = await startServerProcess({ KAOPING_DATA: dataDir, KAOPING_SEED: 'reference' })
    zhang = await apiCaller(server.url, 'zhangwei', 'tab-e2e-zhang')
    wang = await apiCaller(server.url, 'wangqiang', 'tab-e2e-wang')
    checker = await apiCaller(server.url, 'lina', 'desk-e2e-check')

    photoBytes = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 180, g: 90, b: 40 } } }).jpeg().toBuffer()
    photoSha = createHash('sha256').update(photoBytes).digest('hex')
    const put = await zhang.call(`/photos/${photoSha}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(photoBytes) })
    expect(put.status).toBe(201)

    f.n1 = make(zhang, 0, near(NANGANG, 0), '230103', HW03, [photoSha])
    f.n2 = make(wang, 5, near(NANGANG, 10), '230103', HW03, [dupPhoto])
    f.n3 = make(zhang, 10, near(NANGANG, 0, 200), '230103', HW04)
    f.d1 = make(zhang, 15, near(DAOLI, 0), '230102')
    f.d2 = make(zhang, 16, near(DAOLI, 300), '230102', HW04)
    f.d3 = make(zhang, 17, near(DAOLI, 600), '230102')
    f.d4 = make(wang, 18, near(DAOLI, -300), '230102', HW04)
    await push(zhang, [f.n1!, f.n3!, f.d1!, f.d2!, f.d3!])
    await push(wang, [f.n2!, f.d4!])

    browser = await launchBrowser()
    desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    page = await signedInPage(desk, server.url, 'lina')
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens the month and filters by district and status, as the server filters', async () => {
    await page.goto(`${server.url}/review`)
    await map().and(page.locator('[data-ready="1"]')).waitFor()
    await poll(() => page.locator('[data-test=review-count]').getAttribute('data-total')).toBe('7')
    expect(await shownIds()).toEqual(await listIds(''))
    await poll(() => map().getAttribute('data-findings')).toBe('7')
    await poll(() => page.locator('[data-test=review-live]').getAttribute('data-state')).toBe('live')

    await page.locator('[data-test=filter-district]').selectOption('230103')
    await poll(shownIds).toEqual(await listIds('district=230103'))
    expect(await shownIds()).toEqual([f.n1!.id, f.n2!.id, f.n3!.id].sort())
    await page.locator('[data-test=filter-status][data-status=submitted]').click()
    await poll(() => new URL(page.url()).searchParams.get('status')).toBe('submitted')
    expect(new URL(page.url()).searchParams.get('district')).toBe('230103')
    expect(await shownIds()).toEqual(await listIds('district=230103&status=submitted'))
    await poll(() => map().getAttribute('data-findings')).toBe('3')
    // The duplicate pair is flagged in the list.
    await row(f.n2!.id).locator('[data-test=review-row-duplicate]').waitFor()
    expect(await row(f.n3!.id).locator('[data-test=review-row-duplicate]').count()).toBe(0)
  }, 120_000)

  it('selects a finding in the list and sees it on the map, and a click on the map selects in the list', async () => {
    await row(f.n3!.id).click()
    await poll(() => map().getAttribute('data-focus')).toBe(f.n3!.id)
    await poll(() => map().getAttribute('data-focus-shown')).toBe('1')
    expect(await row(f.n3!.id).getAttribute('aria-selected')).toBe('true')
    await page.locator(`[data-test=review-detail][data-id="${f.n3!.id}"]`).waitFor()
    expect(await page.locator('[data-test=detail-deduction]').innerText()).toBe('1 处 × 1 分 = 1 分')
    expect(await page.locator('[data-test=detail-location]').innerText()).toContain('定位精度约 12 米')
    expect(await page.locator('[data-test=detail-history] li').first().getAttribute('data-kind')).toBe('created')
    const ring = await page.locator('[data-test=map-focus]').boundingBox()
    expect(ring).not.toBeNull()

    await row(f.n1!.id).click()
    await poll(() => page.locator('[data-test=map-focus]').getAttribute('data-id')).toBe(f.n1!.id)
    await poll(() => map().getAttribute('data-focus-shown')).toBe('1')
    // n3 lies 200 m east; the map did not need to move for n1, so n3 is where its ring was.
    await page.mouse.click(ring!.x + ring!.width / 2, ring!.y + ring!.height / 2)
    await poll(() => map().getAttribute('data-focus')).toBe(f.n3!.id)
    await poll(() => row(f.n3!.id).getAttribute('aria-selected')).toBe('true')
    expect(await row(f.n1!.id).getAttribute('aria-selected')).toBe('false')
  }, 120_000)

  it('shows a finding’s photo at full size and zooms it', async () => {
    await row(f.n1!.id).click()
    await page.locator(`[data-test=review-detail][data-id="${f.n1!.id}"] [data-test=photo-thumb]`).waitFor()
    await page.locator('[data-test=detail-photo]').click()
    const img = page.locator('[data-test=viewer-image]')
    await img.waitFor()
    await poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(1600)
    const fitted = Number(await img.getAttribute('data-scale'))
    expect(fitted).toBeLessThan(1)
    await page.locator('[data-test=viewer-zoom-in]').click()
    await poll(async () => Number(await img.getAttribute('data-scale'))).toBeCloseTo(fitted * 1.5, 2)
    const box = (await img.boundingBox())!
    await page.mouse.move(640, 450)
    await page.mouse.wheel(0, -300)
    await poll(async () => Number(await img.getAttribute('data-scale'))).toBeGreaterThan(fitted * 1.5)
    expect((await img.boundingBox())!.width).toBeGreaterThan(box.width)
    await page.locator('[data-test=viewer-reset]').click()
    await poll(async () => Number(await img.getAttribute('data-scale'))).toBeCloseTo(fitted, 3)
    await page.keyboard.press('Escape')
    await poll(() => page.locator('[data-test=photo-viewer]').count()).toBe(0)
  }, 120_000)

  it('confirms one, and rejects one with a reason, refusing it without one in the user’s language', async () => {
    await page.locator('[data-test=detail-confirm]').click()
    await poll(async () => (await status(f.n1!.id)).status).toBe('confirmed')
    await poll(() => page.locator('[data-test=review-detail]').getAttribute('data-status')).toBe('confirmed')
    expect(await page.locator('[data-test=review-notice]').innerText()).toContain('已确认')
    // The list shows only findings to review: n1 has left it.
    await poll(shownIds).toEqual([f.n2!.id, f.n3!.id].sort())

    await row(f.n3!.id).click()
    const reject = page.locator(`[data-test=review-detail][data-id="${f.n3!.id}"] [data-test=detail-reject]`)
    await reject.click()
    await page.locator('[data-test=reason-submit]').click()
    await poll(() => page.locator('[data-test=reason-problem]').innerText()).toBe('驳回或退回须填写理由')
    await page.locator('[data-test=reason-cancel]').click()
    await page.locator('[data-test=lang]').click()
    await reject.click()
    await page.locator('[data-test=reason-submit]').click()
    await poll(() => page.locator('[data-test=reason-problem]').innerText()).toBe('a reason is required to reject or send back')
    await page.locator('[data-test=reason-cancel]').click()
    await page.locator('[data-test=lang]').click()
    expect((await status(f.n3!.id)).status).toBe('submitted')
    await reject.click()
    await page.locator('[data-test=reason-input]').fill('照片无法看清问题')
    await page.locator('[data-test=reason-submit]').click()
    await poll(() => page.locator('[data-test=reason-dialog]').count()).toBe(0)
    await poll(async () => (await status(f.n3!.id)).status).toBe('rejected')
    const detail = await checker.json<{ reviews: { decision: string; reason: string }[] }>(`/findings/${f.n3!.id}`)
    expect(detail.reviews.map((r) => [r.decision, r.reason])).toEqual([['reject', '照片无法看清问题']])
    await poll(() => page.locator('[data-test=detail-review][data-decision=reject]').innerText()).toContain('照片无法看清问题')
  }, 120_000)

  it('merges a duplicate into the finding it duplicates, keeping its photos', async () => {
    await row(f.n2!.id).click()
    const candidate = page.locator(`[data-test=review-detail][data-id="${f.n2!.id}"] [data-test=detail-duplicate][data-id="${f.n1!.id}"]`)
    await candidate.waitFor()
    await candidate.locator('[data-test=detail-merge-into]').click()
    expect(await page.locator('[data-test=reason-input]').inputValue()).toBe('同一问题的重复记录')
    await page.locator('[data-test=reason-submit]').click()
    await poll(() => page.locator('[data-test=reason-dialog]').count()).toBe(0)
    await poll(async () => (await status(f.n2!.id)).status).toBe('voided')
    expect((await status(f.n1!.id)).photos).toEqual([photoSha, dupPhoto])
    // The focus follows the evidence to the finding it went into.
    await poll(() => map().getAttribute('data-focus')).toBe(f.n1!.id)
  }, 120_000)

  it('sends one back with a question and confirms several at once, then starts a sheet from ticks', async () => {
    await page.locator('[data-test=filters-clear]').click()
    await page.locator('[data-test=filter-district]').selectOption('230102')
    await poll(shownIds).toEqual([f.d1!.id, f.d2!.id, f.d3!.id, f.d4!.id].sort())

    await row(f.d4!.id).click()
    await page.locator(`[data-test=review-detail][data-id="${f.d4!.id}"] [data-test=detail-send-back]`).click()
    await page.locator('[data-test=reason-input]').fill('请补拍近景照片')
    await page.locator('[data-test=reason-submit]').click()
    await poll(async () => (await status(f.d4!.id)).status).toBe('sent_back')

    for (const id of [f.d1!.id, f.d2!.id, f.d3!.id]) await row(id).locator('[data-test=review-tick]').click()
    await poll(() => page.locator('[data-test=review-ticked]').getAttribute('data-count')).toBe('3')
    await page.locator('[data-test=review-confirm-many]').click()
    await page.locator('[data-test=review-confirm-many-yes]').click()
    await poll(() => page.locator('[data-test=review-batch-result]').getAttribute('data-confirmed')).toBe('3')
    for (const id of [f.d1!.id, f.d2!.id, f.d3!.id]) expect((await status(id)).status).toBe('confirmed')
    expect(await listIds('district=230102&status=confirmed')).toEqual([f.d1!.id, f.d2!.id, f.d3!.id].sort())

    // A sheet takes confirmed findings of one district: with the sent-back one ticked it is refused here.
    await row(f.d4!.id).locator('[data-test=review-tick]').click()
    await row(f.d1!.id).locator('[data-test=review-tick]').click()
    expect(await page.locator('[data-test=review-sheet]').isDisabled()).toBe(true)
    await row(f.d4!.id).locator('[data-test=review-tick]').click()
    await row(f.d3!.id).locator('[data-test=review-tick]').click()
    await page.locator('[data-test=review-sheet]').click()
    await page.waitForURL(/\/sheets\?findings=/)
    const sent = new URL(page.url()).searchParams.get('findings')!.split(',').sort()
    expect(sent).toEqual([f.d1!.id, f.d3!.id].sort())
  }, 120_000)

  it('shows a finding an inspector pushes meanwhile, without a reload', async () => {
    await page.goto(`${server.url}/review?district=230102`)
    await poll(() => page.locator('[data-test=review-live]').getAttribute('data-state')).toBe('live')
    // The month's seven, the merged one included (void, so not listed).
    await poll(() => page.locator('[data-test=review-count]').getAttribute('data-total')).toBe('7')
    const navigations: string[] = []
    page.on('framenavigated', (fr) => fr === page.mainFrame() && navigations.push(fr.url()))
    const late = make(wang, 30, near(DAOLI, 150, 150), '230102', HW04)
    await push(wang, [late])
    await row(late.id).locator('[data-test=review-row-fresh]').waitFor({ timeout: 20_000 })
    await poll(() => page.locator('[data-test=review-count]').getAttribute('data-total')).toBe('8')
    await poll(() => map().getAttribute('data-findings')).toBe('5')
    expect(navigations).toEqual([])
    expect(await listIds('district=230102')).toContain(late.id)
  }, 120_000)

  it('stacks map and list on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${server.url}/review`)
    await map().and(page.locator('[data-ready="1"]')).waitFor()
    const m = (await map().boundingBox())!
    const l = (await page.locator('[data-test=review-list]').boundingBox())!
    expect(m.y + m.height).toBeLessThanOrEqual(l.y + 1)
    expect(Math.abs(m.width - l.width)).toBeLessThan(4)
    expect(m.width).toBeGreaterThan(330)
    // Touch targets stay at least 48 px.
    const tick = (await page.locator('[data-test=review-tick]').first().locator('..').boundingBox())!
    expect(Math.min(tick.width, tick.height)).toBeGreaterThanOrEqual(48)
  }, 120_000)
})
