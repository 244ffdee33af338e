// Offline cold start of the installed app: a new browser process, no network, from navigation to the inspector's
// usable home screen. The limit beside it is the same browser loading a precached static file through the same
// service worker, i.e. what any offline page costs here. Target: under one second.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { DEMO_PASSWORD } from '@shared/seed'
import { CHROMIUM } from '../support/browser'
import { startServerProcess } from '../support/server-process'
import { median, type BenchResult } from './measure'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
const open = (dir: string) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 800 } })

export default async function coldStartBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-bench-cold-'))
  const profile = mkdtempSync(join(tmpdir(), 'kaoping-bench-profile-'))
  const server = await startServerProcess({ KAOPING_DATA: dataDir })
  let context: BrowserContext | undefined
  try {
    context = await open(profile)
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${server.url}/login`)
    await page.locator('[data-test=username]').fill('zhangwei')
    await page.locator('[data-test=password]').fill(DEMO_PASSWORD)
    await page.locator('[data-test=submit]').click()
    await page.locator('[data-test=inspector-home]').waitFor()
    await page.evaluate(() => navigator.serviceWorker.ready)
    await page.waitForFunction(() => !!navigator.serviceWorker.controller)
    await context.close()

    const app: number[] = []
    const file: number[] = []
    for (let i = 0; i < 6; i++) {
      context = await open(profile)
      await context.setOffline(true)
      const p = context.pages()[0] ?? (await context.newPage())
      const t0 = performance.now()
      await p.goto(`${server.url}/manifest.webmanifest`)
      file.push(performance.now() - t0)
      const t1 = performance.now()
      await p.goto(`${server.url}/`)
      await p.locator('[data-test=inspector-home]').waitFor()
      app.push(performance.now() - t1)
      await context.close()
      context = undefined
    }
    // The first launch of a fresh profile also compiles caches; it is not a typical start.
    const appMs = median(app.slice(1))
    const fileMs = median(file.slice(1))
    const r = (x: number) => Math.round(x * 10) / 10
    return [
      {
        name: 'offline-cold-start',
        value: r(appMs),
        unit: 'ms',
        limit: 'offline load of a precached static file',
        limitValue: r(fileMs),
        ratio: Math.round((appMs / fileMs) * 100) / 100,
        target: 1000,
        targetUnit: 'ms',
      },
    ]
  } finally {
    await context?.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}
