// The district's rectification in headless Chromium against the real server, with the WeCom robot of the district
// pointed at a local receiver. Prepared through the API: the inspector's finding in 南岗区 with its photo, confirmed
// by the supervisor, the district's robot set by the administrator, and a sheet issued for the finding. Then in the
// browser: 南岗's clerk, on a phone, sees the sheet (道里's clerk does not); goes offline, starts work, takes an
// after-photo, submits; reloads offline and everything is still there; back online, it syncs and the server holds
// the submission with its photo. The inspector who recorded the finding, at 1280×800, finds the re-inspection task
// and passes it; the sheet closes, the clerk sees it closed, and the receiver got "sheet issued" then "verified".
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RectificationOrder } from '@shared/domain'
import { DEMO_USER_IDS } from '@shared/seed'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { apiCaller, signedInPage } from '../support/e2e-api'
import { finding as fixtureFinding } from '../support/fixtures'
import { startServerProcess, type ServerProcess } from '../support/server-process'
import { startWecomReceiver, type WecomReceiver } from '../support/wecom-receiver'

const NANGANG = '230103'
const ROBOT_KEY = 'e2e-district-0a1b2c3d-robot'
const DAY = 86_400_000

async function jpeg(seed: number, width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20 + seed * 60, g: 150, b: 200 - seed * 50 } } })
    .jpeg()
    .toBuffer()
}

const sha256 = async (b: Buffer) => Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(b))).toString('hex')

/** Now as a device in Harbin writes it: "2026-11-25T17:20:00+08:00". */
const harbinNow = () => `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`

describe.skipIf(!HAS_BROWSER)('a district rectifies offline and the inspector re-inspects, in Chromium against the real server', () => {
  let dataDir: string
  let server: ServerProcess
  let receiver: WecomReceiver
  let browser: Browser
  let order: RectificationOrder
  let beforePhoto: string

  const as = (username: string) => apiCaller(server.url, username)

  const onServer = async () => (await (await as('lina')).json<{ order: RectificationOrder }>(`/rectifications/${order.id}`)).order

  async function signIn(context: BrowserContext, username: string, home: string): Promise<Page> {
    const page = await signedInPage(context, server.url, username)
    await page.locator(`[data-test=${home}]`).waitFor()
    // The first sync brings the sheets (and the reference data the screens use offline).
    await expect.poll(() => page.locator('[data-test=sync-last]').innerText(), { timeout: 30_000 }).not.toMatch(/尚未同步|Not synced yet/)
    return page
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-district-'))
    receiver = await startWecomReceiver()
    server = await startServerProcess({ KAOPING_DATA: dataDir, KAOPING_SEED: 'reference', KAOPING_WECOM_URL: receiver.url })
    browser = await launchBrowser()

    // The inspector's finding with its photo, confirmed by the supervisor.
    const inspector = await as('zhangwei')
    const bytes = await jpeg(1, 800, 600)
    beforePhoto = await sha256(bytes)
    const put = await inspector.call(`/photos/${beforePhoto}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) })
    expect(put.status).toBeLessThan(300)
    const f = fixtureFinding(DEMO_USER_IDS.zhangwei, { photos: [beforePhoto], deviceId: inspector.device, recordedAt: harbinNow(), street: '红军街 18 号' })
    await inspector.push([inspector.mutation('finding.create', f)])
    const lina = await as('lina')
    await lina.push([
      lina.mutation('review.create', { id: randomUUID(), findingId: f.id, supervisorId: DEMO_USER_IDS.lina, decision: 'confirm', reason: '', at: new Date().toISOString() }),
    ])

    // The district's robot, then the sheet: three days to rectify.
    const admin = await as('admin')
    expect(await admin.json(`/notifications/hooks/${NANGANG}`, { method: 'PUT', body: { key: ROBOT_KEY } })).toMatchObject({ districtCode: NANGANG, configured: true })
    const deadline = `${new Date(Date.now() + 3 * DAY + 8 * 3_600_000).toISOString().slice(0, 10)}T18:00:00+08:00`
    order = await lina.json<RectificationOrder>('/rectifications', {
      method: 'POST',
      body: { id: randomUUID(), findingIds: [f.id], requirements: '清理红军街路面垃圾，恢复路面整洁', deadline },
    })
    expect(order).toMatchObject({ status: 'new', districtCode: NANGANG })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await receiver?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('the sheet goes to its district only, is rectified offline on a phone, passes re-inspection and closes; the robot hears both', async () => {
    // ——— 南岗's clerk, on a phone ———
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true })
    const clerk = await signIn(phone, 'nangang', 'district-home')
    await clerk.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await expect.poll(() => clerk.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true)
    // The district's page: the score from the server, and the sheet to fix first from the device.
    await clerk.locator('[data-test=summary]').waitFor()
    await clerk.locator(`[data-test=open-sheet][data-id="${order.id}"]`).waitFor()

    await clerk.locator('[data-test=nav-rectify]:visible').click()
    const row = clerk.locator(`[data-test=sheet-row][data-id="${order.id}"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-status')).toBe('new')
    expect(await row.locator('[data-test=countdown]').innerText()).toMatch(/剩 [23] 天/)
    expect(await row.innerText()).toContain(order.number)

    // ——— 道里's clerk sees nothing of it ———
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const daoli = await signIn(other, 'daoli', 'district-home')
    await daoli.goto(`${server.url}/rectify`)
    await daoli.locator('[data-test=no-sheets]').waitFor()
    expect(await daoli.locator('[data-test=sheet-row]').count()).toBe(0)
    await daoli.goto(`${server.url}/rectify/${order.id}`)
    await daoli.locator('[data-test=sheet-missing]').waitFor()
    await other.close()

    // ——— offline: start, photograph, submit ———
    await row.locator('[data-test=sheet-open]').click()
    await clerk.locator('[data-test=rectify-sheet]').waitFor()
    expect(await clerk.locator('[data-test=requirements]').innerText()).toContain('清理红军街路面垃圾')
    // The inspector's before-photo is kept on the phone for offline.
    await expect.poll(() => clerk.locator(`[data-test=sheet-photo][data-sha256="${beforePhoto}"]`).getAttribute('data-source'), { timeout: 20_000 }).toBe('device')
    await clerk.locator('[data-test=sheet-map] [data-test=map-point]').first().waitFor()

    await phone.setOffline(true)
    await clerk.locator('[data-test=start]').click()
    await expect.poll(() => clerk.locator('[data-test=sheet-status]').getAttribute('data-status')).toBe('in_progress')
    await clerk.locator('[data-test=photo-input]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg(2) })
    await clerk.locator('[data-test=photo-thumb]').waitFor()
    const afterPhoto = await clerk.locator('[data-test=photo-thumb]').getAttribute('data-sha256')
    expect(afterPhoto).toMatch(/^[0-9a-f]{64}$/)
    await clerk.locator('[data-test=note]').fill('已清理路面垃圾并冲洗')
    await clerk.locator('[data-test=submit]').click()
    await clerk.locator('[data-test=waiting]').waitFor()
    expect(await clerk.locator('[data-test=sheet-sync]').getAttribute('data-sync')).toBe('on_device')

    // Reloaded with no network: the app comes from the service worker, the submission from the device.
    await clerk.reload()
    await clerk.locator('[data-test=rectify-sheet]').waitFor()
    expect(await clerk.locator('[data-test=sheet-status]').getAttribute('data-status')).toBe('submitted')
    expect(await clerk.locator('[data-test=sheet-sync]').getAttribute('data-sync')).toBe('on_device')
    await expect.poll(() => clerk.locator(`[data-test=after] [data-test=sheet-photo][data-sha256="${afterPhoto}"]`).getAttribute('data-source')).toBe('device')
    expect(await clerk.locator('[data-test=after]').innerText()).toContain('已清理路面垃圾并冲洗')
    // The sync bar reads the outbox after the first screen: wait for its count rather than its 'reading' line.
    await expect.poll(() => clerk.locator('[data-test=sync-pending]').innerText(), { timeout: 10_000 }).toMatch(/[1-9]/)
    expect((await onServer()).status).toBe('new')

    // Back online: it syncs, photo first, and the server holds the submission.
    await phone.setOffline(false)
    await clerk.locator('[data-test=sync-now]').click()
    await expect.poll(() => clerk.locator('[data-test=sheet-sync]').getAttribute('data-sync'), { timeout: 60_000 }).toBe('synced')
    expect(await onServer()).toMatchObject({ status: 'submitted', afterPhotos: [afterPhoto], rectificationNote: '已清理路面垃圾并冲洗' })
    const head = await (await as('lina')).call(`/photos/${afterPhoto}`, { method: 'HEAD' })
    expect(head.headers.get('x-photo-complete')).toBe('1')

    // ——— the inspector who recorded the finding, at 1280×800 ———
    const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const zhangwei = await signIn(tablet, 'zhangwei', 'inspector-home')
    // Today's tasks on the start page list the re-inspection.
    await expect.poll(() => zhangwei.locator('[data-test=tasks]').innerText(), { timeout: 30_000 }).toContain(order.number)
    await zhangwei.locator('[data-test=nav-reinspect]').first().click()
    const task = zhangwei.locator(`[data-test=reinspect-row][data-id="${order.id}"]`)
    await task.waitFor()
    await task.locator('[data-test=reinspect-open]').click()
    await zhangwei.locator('[data-test=reinspect-sheet]').waitFor()
    // Before and after side by side: the district's after-photo is on the tablet too.
    await expect.poll(() => zhangwei.locator(`[data-test=after] [data-test=sheet-photo][data-sha256="${afterPhoto}"]`).getAttribute('data-source'), { timeout: 20_000 }).toBe('device')
    await zhangwei.locator(`[data-test=sheet-photo][data-sha256="${beforePhoto}"]`).waitFor()
    // A fail needs a note; a pass does not.
    await zhangwei.locator('[data-test=verdict-fail]').click()
    await zhangwei.locator('[data-test=verify-save]').click()
    await zhangwei.locator('[data-test=verify-error]').waitFor()
    await zhangwei.locator('[data-test=verdict-pass]').click()
    await zhangwei.locator('[data-test=verify-save]').click()
    await zhangwei.locator('[data-test=verification][data-result=pass]').waitFor()
    await zhangwei.locator('[data-test=sync-now]').click()
    await expect.poll(() => zhangwei.locator('[data-test=sheet-sync]').getAttribute('data-sync'), { timeout: 60_000 }).toBe('synced')
    expect(await onServer()).toMatchObject({ status: 'closed', verification: { result: 'pass', inspectorId: DEMO_USER_IDS.zhangwei } })
    await zhangwei.locator('[data-test=nav-reinspect]').first().click()
    await zhangwei.locator('[data-test=reinspect-list] [data-test=no-tasks]').waitFor()
    await tablet.close()

    // ——— the clerk sees it closed ———
    await clerk.locator('[data-test=sync-now]').click()
    await expect.poll(() => clerk.locator('[data-test=sheet-status]').getAttribute('data-status'), { timeout: 60_000 }).toBe('closed')
    await clerk.locator('[data-test=verification][data-result=pass]').waitFor()
    await phone.close()

    // ——— the district's robot: the new sheet, then the re-inspection's result ———
    await expect.poll(() => receiver.delivered(ROBOT_KEY).length, { timeout: 30_000 }).toBe(2)
    const [issued, verified] = receiver.delivered(ROBOT_KEY)
    expect(issued!.body?.msgtype).toBe('markdown')
    expect(issued!.content).toContain('新问题交办单')
    expect(issued!.content).toContain(order.number)
    expect(verified!.content).toContain('复查合格')
    expect(verified!.content).toContain(order.number)
    expect(receiver.requests.every((r) => r.key === ROBOT_KEY)).toBe(true)
  }, 300_000)
})
