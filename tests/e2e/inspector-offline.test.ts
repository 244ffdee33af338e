// The tablet's promise, in headless Chromium against the real server: the service worker installs; the network
// goes away; three findings are recorded with a located position and a photo each; the page reloads offline and
// everything is still there; the browser closes and reopens; the network returns; the findings sync; the server
// holds each exactly once with its photo. Then: the server dies in the middle of a sync; two tabs at once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import SQLite from 'better-sqlite3'
import sharp from 'sharp'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harbinDistrictCenters } from '@shared/seed'
import { DEMO_PASSWORD } from '@shared/seed'
import { CHROMIUM, HAS_BROWSER } from '../support/browser'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
const NANGANG = harbinDistrictCenters()['230103']!

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function photo(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 40 + seed * 60, g: 120, b: 200 - seed * 40 } } })
    .jpeg()
    .toBuffer()
}

describe.skipIf(!HAS_BROWSER)('inspector app offline, in Chromium', () => {
  let dataDir: string
  let profile: string
  let port: number
  let server: ServerProcess
  let context: BrowserContext

  // Reference data only: the inspector's list then holds exactly what this test records.
  const env = () => ({ KAOPING_DATA: dataDir, PORT: String(port), KAOPING_SEED: 'reference' })
  const open = (userDataDir: string) =>
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      geolocation: { latitude: NANGANG.lat, longitude: NANGANG.lng, accuracy: 8 },
      permissions: ['geolocation'],
      locale: 'zh-CN',
    })
  const stored = () => {
    const db = new SQLite(join(dataDir, 'kaoping.sqlite'), { readonly: true })
    try {
      const rows = db.prepare(`select id, photos from findings where device_id like 'tab-%'`).all() as { id: string; photos: string }[]
      const complete = new Set((db.prepare('select sha256 from photos where complete = 1').all() as { sha256: string }[]).map((r) => r.sha256))
      return { rows, complete }
    } finally {
      db.close()
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-'))
    profile = mkdtempSync(join(tmpdir(), 'kaoping-profile-'))
    port = await freePort()
    server = await startServerProcess(env())
    context = await open(profile)
  }, 240_000)
  afterAll(async () => {
    await context?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  })

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/login`)
    await page.locator('[data-test=username]').fill('zhangwei')
    await page.locator('[data-test=password]').fill(DEMO_PASSWORD)
    await page.locator('[data-test=submit]').click()
    await page.locator('[data-test=inspector-home]').waitFor()
  }

  async function record(page: Page, n: number): Promise<void> {
    await context.setGeolocation({ latitude: NANGANG.lat + n * 0.0004, longitude: NANGANG.lng + n * 0.0003, accuracy: 6 + n })
    await page.locator('[data-test=nav-record]').first().click()
    await page.locator('[data-test=line-sanitation]').click()
    await page.locator('[data-test=item-search]').fill('HW-03')
    await page.locator('[data-test=item-result]').first().click()
    await page.locator('[data-test=item-chosen][data-code="HW-03"]').waitFor()
    await page.locator('[data-test=quantity]').fill(String(n))
    await page.locator('[data-test=photo-input]').setInputFiles({ name: `p${n}.jpg`, mimeType: 'image/jpeg', buffer: await photo(n) })
    await page.locator('[data-test=photo-thumb]').waitFor()
    await expect.poll(() => page.locator('[data-test=district]').getAttribute('data-code')).toBe('230103')
    await page.locator('[data-test=street]').fill(`红军街 ${n} 号`)
    await page.locator('[data-test=save]').click()
    await page.locator('[data-test=saved]').waitFor()
  }

  const rows = (page: Page) => page.locator('[data-test=finding-row]')
  const states = async (page: Page) => (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).sort()

  it('installs, records three findings offline, survives a reload and a browser restart, then syncs each once with its photo', async () => {
    const page = context.pages()[0] ?? (await context.newPage())
    await signIn(page)
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true)
    // The first sync brings the checklists and districts the record screen needs offline.
    await expect.poll(() => page.locator('[data-test=sync-last]').innerText(), { timeout: 30_000 }).not.toMatch(/尚未同步|Not synced yet/)

    await context.setOffline(true)
    for (const n of [1, 2, 3]) await record(page, n)

    await page.reload()
    await page.locator('[data-test=nav-findings]').first().click()
    await expect.poll(() => rows(page).count()).toBe(3)
    expect(await states(page)).toEqual(['on_device', 'on_device', 'on_device'])

    await context.close()
    context = await open(profile)
    await context.setOffline(true)
    const again = context.pages()[0] ?? (await context.newPage())
    await again.goto(`${server.url}/findings`)
    await expect.poll(() => rows(again).count()).toBe(3)
    expect(stored().rows).toHaveLength(0)

    await context.setOffline(false)
    await again.locator('[data-test=sync-now]').click()
    await expect.poll(() => states(again), { timeout: 60_000 }).toEqual(['synced', 'synced', 'synced'])
    const { rows: onServer, complete } = stored()
    expect(onServer).toHaveLength(3)
    expect(new Set(onServer.map((r) => r.id)).size).toBe(3)
    for (const r of onServer) {
      const hashes = JSON.parse(r.photos) as string[]
      expect(hashes).toHaveLength(1)
      expect(complete.has(hashes[0]!)).toBe(true)
    }
  }, 240_000)

  it('loses and duplicates nothing when the server dies in the middle of a sync, with two tabs open', async () => {
    const a = context.pages()[0]!
    await context.setOffline(true)
    for (const n of [4, 5]) await record(a, n)
    const b = await context.newPage()
    await b.goto(`${server.url}/findings`)
    await context.setOffline(false)
    // Kill the server while both tabs try to sync, then bring it back on the same port and data.
    const syncing = Promise.all([a.locator('[data-test=sync-now]').click(), b.locator('[data-test=sync-now]').click()])
    await server.stop('SIGKILL')
    await syncing.catch(() => undefined)
    server = await startServerProcess(env())
    await b.locator('[data-test=sync-now]').click()
    await a.locator('[data-test=nav-findings]').first().click()
    await expect.poll(() => states(a), { timeout: 60_000 }).toEqual(['synced', 'synced', 'synced', 'synced', 'synced'])
    const { rows: onServer, complete } = stored()
    expect(onServer).toHaveLength(5)
    expect(new Set(onServer.map((r) => r.id)).size).toBe(5)
    for (const r of onServer) expect(complete.has((JSON.parse(r.photos) as string[])[0]!)).toBe(true)
  }, 240_000)
})
