// The installable app: manifest and icons, the service worker that keeps the shell on the device, signing in
// once online and then opening with no network, the sign-in dialog when the token is refused, and the update
// offer that waits for the inspector. Real server process, real Chromium with a persistent profile (service
// workers and IndexedDB survive reloads there as on a tablet).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { DEMO_PASSWORD } from '@shared/seed'
import { CHROMIUM, HAS_BROWSER } from '../support/browser'
import { startServerProcess, type ServerProcess } from '../support/server-process'
import { createUpdateFlow, type WaitingWorker } from '../../client/src/features/shell/update-flow'
import { isBusy, markBusy } from '../../client/src/app/busy'
import { loginProblem } from '../../client/src/features/auth/login-errors'

/** workbox-window's Workbox as the update flow sees it: events in, skip-waiting messages out. */
function fakeWorker() {
  const listeners = new Map<string, (() => void)[]>()
  const worker: WaitingWorker & { emit(type: string): void; skips: number } = {
    skips: 0,
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    messageSkipWaiting: () => void worker.skips++,
    emit: (type) => listeners.get(type)?.forEach((l) => l()),
  }
  return worker
}

// The waiting-worker logic without building the app twice; the browser test below runs it against a real update.
describe('update flow', () => {
  it('offers a waiting version and reloads once it controls the page', async () => {
    const wb = fakeWorker()
    const reload = vi.fn()
    const flow = createUpdateFlow(wb, isBusy, reload)
    expect(flow.available.value).toBe(false)
    wb.emit('waiting')
    expect(flow.available.value).toBe(true)
    await flow.update()
    expect(wb.skips).toBe(1)
    expect(reload).not.toHaveBeenCalled()
    wb.emit('controlling')
    expect(reload).toHaveBeenCalledOnce()
  })

  it('never reloads under an inspector in the middle of a record', async () => {
    const wb = fakeWorker()
    const reload = vi.fn()
    const flow = createUpdateFlow(wb, isBusy, reload)
    wb.emit('waiting')
    markBusy('record', true)
    const done = flow.update()
    expect(flow.deferred.value).toBe(true)
    await flow.update() // a second press changes nothing
    expect(wb.skips).toBe(0)
    markBusy('photo', true)
    markBusy('record', false)
    await Promise.resolve()
    expect(wb.skips).toBe(0) // still busy with the photo
    markBusy('photo', false)
    await done
    expect(flow.deferred.value).toBe(false)
    expect(wb.skips).toBe(1)
    wb.emit('controlling')
    expect(reload).toHaveBeenCalledOnce()
  })

  it('does not reload when a worker takes control that this page did not ask for', () => {
    const wb = fakeWorker()
    const reload = vi.fn()
    const flow = createUpdateFlow(wb, isBusy, reload)
    wb.emit('controlling') // first install (clientsClaim) or another tab's update
    expect(reload).not.toHaveBeenCalled()
    wb.emit('waiting')
    flow.later()
    expect(flow.available.value).toBe(false)
    expect(wb.skips).toBe(0)
  })
})

describe('sign-in errors', () => {
  it('names wrong passwords, rate limits, validation issues and a missing network', () => {
    expect(loginProblem(401, { code: 'unauthorized', message: 'Wrong user name or password', details: { reason: 'bad_credentials' } })).toEqual({ key: 'badCredentials' })
    expect(loginProblem(429, { code: 'rate_limited', message: '…', details: { retryAfterSeconds: 601 } })).toEqual({ key: 'rateLimited', minutes: 11 })
    expect(loginProblem(0, { code: 'unavailable', message: 'network unreachable' })).toEqual({ key: 'network' })
    const issues = [{ field: 'username', code: 'too_small', zh: '用户名太短', en: 'username too short' }]
    expect(loginProblem(400, { code: 'validation_failed', message: 'bad', details: { issues } })).toEqual({ key: 'issues', zh: '用户名太短', en: 'username too short' })
    expect(loginProblem(502, { code: 'internal', message: 'HTTP 502' })).toEqual({ key: 'other', message: 'HTTP 502' })
  })
})

/** A Chromium profile on disk, as an installed app has: same flags as tests/support/browser.ts. */
function launchProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

const controller = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)

describe.skipIf(!HAS_BROWSER)('installed app in Chromium', () => {
  let dataDir: string
  let profileDir: string
  let server: ServerProcess
  let context: BrowserContext
  let page: Page
  let sessionId = ''
  const pageErrors: string[] = []
  const swPath = fileURLToPath(new URL('../../dist/client/sw.js', import.meta.url))

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-pwa-'))
    profileDir = mkdtempSync(join(tmpdir(), 'kaoping-pwa-profile-'))
    server = await startServerProcess({ KAOPING_DATA: dataDir })
    context = await launchProfile(profileDir)
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    // A step that hangs names itself before the test's own timeout does.
    page.setDefaultTimeout(20_000)
  }, 180_000)

  afterAll(async () => {
    await context?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  })

  it('serves a manifest with a Chinese name, standalone display and real 192/512 icons, maskable too', async () => {
    const res = await fetch(`${server.url}/manifest.webmanifest`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('manifest+json')
    const manifest = (await res.json()) as { name: string; short_name: string; lang: string; display: string; start_url: string; icons: { src: string; sizes: string; purpose?: string }[] }
    expect(manifest).toMatchObject({ name: '考评 Kaoping', short_name: '考评', lang: 'zh-CN', display: 'standalone', start_url: '/' })
    for (const size of [192, 512]) {
      for (const purpose of ['any', 'maskable']) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose)
        expect(icon, `${size} ${purpose}`).toBeDefined()
        const png = await fetch(server.url + icon!.src)
        expect(png.headers.get('content-type')).toBe('image/png')
        const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata()
        expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size])
      }
    }
    const html = await (await fetch(server.url)).text()
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">')
  })

  it('asks to sign in, says what was wrong in Chinese, and signs in', async () => {
    await page.goto(server.url)
    await page.waitForURL(/\/login$/)
    await page.locator('[data-test=username]').fill('zhangwei')
    await page.locator('[data-test=password]').fill('wrong-password')
    await page.locator('[data-test=submit]').click()
    expect(await page.locator('[data-test=login-error]').innerText()).toBe('用户名或密码错误')

    await page.locator('[data-test=password]').fill(DEMO_PASSWORD)
    const login = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200)
    await page.locator('[data-test=submit]').click()
    sessionId = ((await (await login).json()) as { sessionId: string }).sessionId
    await page.locator('[data-test=inspector-home]').waitFor()
    expect(await page.locator('h1').innerText()).toBe('张伟，你好')
    // The bar reads the device before it says anything about syncing.
    await page.locator('[data-test=sync-status][aria-busy=false]').waitFor()
    expect(await page.locator('[data-test=sync-status]').innerText()).toMatch(/全部已同步|未同步/)
    expect(await page.locator('[data-test=nav-top]').innerText()).toMatch(/首页[\s\S]*记录[\s\S]*我的记录[\s\S]*地图[\s\S]*状态/)
  })

  it('installs the service worker, which takes control of the page', async () => {
    await expect.poll(() => controller(page), { timeout: 20_000 }).toBe('activated')
    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)
    expect(scriptURL).toBe(`${server.url}/sw.js`)
  })

  it('opens signed in with no network, deep links included, and API calls fail with a message', async () => {
    await context.setOffline(true)
    try {
      await page.reload()
      // The start page with the device's data, and the sync bar's reading of it, with no network.
      await page.locator('[data-test=inspector-home][aria-busy=false]').waitFor()
      expect(await page.locator('[data-test=recorded-today]').innerText()).toMatch(/今天已记录 \d+ 条/)
      await page.locator('[data-test=sync-status][aria-busy=false]').waitFor()
      await page.locator('[data-test=offline-banner]').waitFor()
      expect(await page.locator('[data-test=sync-now]').isDisabled()).toBe(true)

      await page.goto(`${server.url}/status`)
      await page.locator('[data-test=status-view]').waitFor()
      expect(await page.locator('[data-test=status-server]').innerText()).toContain('无法连接服务器')
      expect(await page.locator('[data-test=status-offline-ready]').innerText()).toContain('离线可用')
      await page.locator('[data-test=status-usage]').waitFor()
      // /api is never answered from a cache: offline it is a network error, not a stale body.
      const api = await page.evaluate(() => fetch('/api/health').then((r) => `status ${r.status}`, (e: Error) => e.name))
      expect(api).toBe('TypeError')

      // Moving about inside the app offline.
      await page.locator('[data-test=nav-top] [data-test=nav-home]').click()
      await page.locator('[data-test=inspector-home]').waitFor()
    } finally {
      await context.setOffline(false)
    }
    await page.locator('[data-test=offline-banner]').waitFor({ state: 'detached' })
    expect(pageErrors).toEqual([])
  })

  it('asks for the password again when the token is refused, over the unchanged screen', async () => {
    await page.locator('[data-test=nav-top] [data-test=nav-status]').click()
    await page.locator('[data-test=status-view]').waitFor()
    await expect.poll(() => page.locator('[data-test=status-server]').innerText()).toContain('服务器可连接')

    // The same user, from another device, revokes this browser's session.
    const other = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhangwei', password: DEMO_PASSWORD, deviceId: 'pwa-test-other-device' }),
    })
    const { token } = (await other.json()) as { token: string }
    const revoke = await fetch(`${server.url}/api/auth/sessions/${sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'x-kaoping-device': 'pwa-test-other-device' },
    })
    expect(revoke.status).toBe(200)

    await page.locator('[data-test=warn-days]').fill('7')
    // The next API call is refused: the sync engine's own or, if it has not called yet, this page's check.
    // (Dispatched, not clicked: the dialog may already cover the button.)
    await page.locator('[data-test=check-server]').dispatchEvent('click')
    const dialog = page.locator('[data-test=resignin]')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('张伟（zhangwei）')
    await page.locator('[data-test=resignin-password]').fill(DEMO_PASSWORD)
    await page.locator('[data-test=resignin-submit]').click()
    await dialog.waitFor({ state: 'detached' })

    expect(new URL(page.url()).pathname).toBe('/status')
    expect(await page.locator('[data-test=warn-days]').inputValue()).toBe('7')
    await page.locator('[data-test=check-server]').click()
    await expect.poll(() => page.locator('[data-test=status-server]').innerText()).toContain('服务器可连接')
    expect(pageErrors).toEqual([])
  })

  it('offers a new version when one is waiting, and reloads into it on "update now"', async () => {
    const original = readFileSync(swPath, 'utf8')
    try {
      // A changed worker script is a new version to the browser; the precached shell stays the same.
      writeFileSync(swPath, `${original}\n// next version ${Date.now()}\n`)
      const before = await controller(page)
      expect(before).toBe('activated')
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()))
      const prompt = page.locator('[data-test=update-prompt]')
      await prompt.waitFor({ timeout: 20_000 })
      expect(await prompt.innerText()).toContain('新版本已就绪')

      const reloaded = page.waitForEvent('load')
      await page.locator('[data-test=update-now]').click()
      await reloaded
      await page.locator('[data-test=status-view]').waitFor()
      expect(await prompt.count()).toBe(0)
      const waiting = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))
      expect(waiting).toBe(false)
    } finally {
      writeFileSync(swPath, original)
    }
    expect(pageErrors).toEqual([])
  })
})
