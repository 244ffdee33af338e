// Offline cold start of the installed app: a new browser process, no network, from navigation to the inspector's
// usable home screen: rendered from the service worker's cache, interactive, and showing the device's data (today's
// tasks and count; the page is aria-busy until the database has answered, so a placeholder never counts as done).
// The limit beside it is the same browser loading a precached static file through the same service worker, i.e.
// what any offline page costs here. Target: under one second.
//
// Every load, the app's and the file's, is the first of its own browser launch: it starts the service worker and
// the page's process, as a tap on the installed app does. The clock starts once the browser has finished its own
// start-up work (see browserSettled).
//
// The page itself says when the screen is there (a MutationObserver, then the next drawn frame): Playwright's own
// waitFor polls at 0, 20, 50, 100, 100 and then every 500 ms, which put up to half a second of its schedule into
// the figure, more or less depending on when the load event fell.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { DEMO_PASSWORD } from '@shared/seed'
import { CHROMIUM } from '../support/browser'
import { startServerProcess } from '../support/server-process'
import { median, type BenchResult } from './measure'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
/** The inspector's home with the device's data in it. */
const USABLE = '[data-test=inspector-home][aria-busy=false]'
/**
 * In-page script that resolves once `selector` matches a visible element and a frame with it has been drawn
 * (the task after the next animation frame). A string, so that no bundler helper leaks into the page.
 */
const whenShown = (selector: string) => `new Promise((resolve) => {
  const drawn = () => requestAnimationFrame(() => setTimeout(resolve))
  const shown = () => { const el = document.querySelector(${JSON.stringify(selector)}); return !!el && el.checkVisibility() }
  if (shown()) return drawn()
  const watch = new MutationObserver(() => { if (shown()) { watch.disconnect(); drawn() } })
  watch.observe(document, { subtree: true, childList: true, attributes: true })
})`
/** Timed cold starts, after one more for the fresh profile. */
const RUNS = 7

/** CPU time, in clock ticks, that the browser's processes have used so far (Linux /proc). */
function browserTicks(): number {
  let ticks = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.includes('(chromium)') && !stat.includes('(chrome)')) continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks
}

/**
 * Waits until the freshly launched browser has finished its own start-up work: it goes on building its window's
 * UI (an address-bar popup an installed app's window never shows) for about a second after the launch returns,
 * on the same two cores the page would need. Quiet means under 3 ticks (30 ms) of CPU in 300 ms; at most 10 s.
 * Without /proc to read, it waits three seconds, which covers that work on this machine.
 */
async function browserSettled(): Promise<void> {
  if (!existsSync('/proc/self/stat')) return new Promise((resolve) => setTimeout(resolve, 3000))
  const until = performance.now() + 10_000
  let before = browserTicks()
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const now = browserTicks()
    if (now - before < 3) return
    before = now
  }
}

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
    const coldLoad = async (path: string, waitForUsable: boolean): Promise<number> => {
      context = await open(profile)
      await context.setOffline(true)
      const p = context.pages()[0] ?? (await context.newPage())
      await browserSettled()
      const t0 = performance.now()
      if (waitForUsable) {
        // Timed to the usable screen, not to the load event: the watch for it starts as soon as the page commits.
        await p.goto(`${server.url}${path}`, { waitUntil: 'commit' })
        await p.evaluate(whenShown(USABLE))
      } else {
        await p.goto(`${server.url}${path}`)
      }
      const ms = performance.now() - t0
      await context.close()
      context = undefined
      return ms
    }
    for (let i = 0; i < RUNS + 1; i++) {
      file.push(await coldLoad('/manifest.webmanifest', false))
      app.push(await coldLoad('/', true))
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
