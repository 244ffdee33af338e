// Headless Chromium from the system's package. In CI (REQUIRE_BROWSER=1) it must be there;
// elsewhere browser tests skip with a printed reason.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const HAS_BROWSER = existsSync(CHROMIUM)

if (process.env.REQUIRE_BROWSER === '1' && !HAS_BROWSER) throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM}`)
if (!HAS_BROWSER) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`)

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}
