// `npm start` as a user runs it: a real server process on loopback serving the built app and the API,
// and the page in headless Chromium, in Chinese by default with an English switch.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_PASSWORD } from '@shared/seed'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { startServerProcess, type ServerProcess } from '../support/server-process'

describe('npm start', () => {
  let dataDir: string
  let server: ServerProcess

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-start-'))
    server = await startServerProcess({ KAOPING_DATA: dataDir })
  }, 180_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('migrates, seeds and reports it', () => {
    expect(server.output()).toContain('migrated sqlite: 0001-initial')
    expect(server.output()).toMatch(/seeded demo data: \d+ users, \d+ findings/)
  })

  it('serves /api/health', async () => {
    const res = await fetch(`${server.url}/api/health`)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'sqlite' })
  })

  it('serves the app shell for the root and for client routes, JSON errors for the API', async () => {
    for (const path of ['/', '/review/map']) {
      const res = await fetch(server.url + path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<div id="app">')
    }
    const api = await fetch(`${server.url}/api/unknown`)
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/json')
  })

  it('keeps its data across a restart and does not seed twice', async () => {
    await server.stop()
    server = await startServerProcess({ KAOPING_DATA: dataDir })
    expect(server.output()).not.toContain('seeded demo data')
    const res = await fetch(`${server.url}/api/districts`)
    expect(((await res.json()) as { districts: unknown[] }).districts).toHaveLength(9)
  }, 180_000)

  describe.skipIf(!HAS_BROWSER)('in Chromium', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await launchBrowser()
    })
    afterAll(async () => browser?.close())

    it('signs a supervisor in and shows the page in Chinese, the nine districts on a map, and switches to English', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(server.url)
      await page.locator('[data-test=username]').fill('lina')
      await page.locator('[data-test=password]').fill(DEMO_PASSWORD)
      await page.locator('[data-test=submit]').click()
      await page.getByText('服务正常').waitFor()
      expect(await page.title()).toBe('考评 Kaoping')
      await expect.poll(() => page.locator('[data-test=districts] li').count()).toBe(9)
      expect(await page.locator('[data-test=districts]').innerText()).toContain('南岗区')
      await expect.poll(() => page.locator('[data-test=district-map] path.leaflet-interactive').count()).toBe(9)
      await page.locator('[data-test=lang]').click()
      await page.getByText('Server is up').waitFor()
      expect(await page.locator('[data-test=districts]').innerText()).toContain('Nangang')
      await page.reload()
      await page.getByText('Server is up').waitFor()
      await page.close()
    })
  })
})
