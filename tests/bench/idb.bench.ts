// Storing 10,000 pulled findings in IndexedDB through the app's Dexie database, in headless Chromium, against raw
// IndexedDB puts of the same records in one transaction, measured alternately in the same page.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { demoData } from '@shared/seed'
import { launchBrowser } from '../support/browser'
import { median, type BenchResult } from './measure'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': here('../../shared') } },
    build: { write: false, lib: { entry: here('./idb-page.ts'), formats: ['es'], fileName: 'page' }, minify: true },
  })
  const result = Array.isArray(out) ? out[0]! : out
  const chunk = (result as { output: { type: string; code?: string }[] }).output.find((o) => o.type === 'chunk')
  if (!chunk?.code) throw new Error('the bench page did not bundle')
  return chunk.code
}

function records(n: number) {
  const months = ['2026-08', '2026-09', '2026-10', '2026-11']
  const all = months.flatMap((m) => demoData(m).findings)
  return Array.from({ length: n }, (_, i) => {
    const f = all[i % all.length]!
    return { ...f, id: `${f.id.slice(0, 24)}${String(i).padStart(12, '0')}`, pending: 0, touchedAt: 0 }
  })
}

export default async function idbBench(): Promise<BenchResult[]> {
  const code = await bundle()
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code)
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/page.js"></script>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await page.waitForFunction(() => 'kaopingBench' in window)
    const data = records(10_000)
    const times = await page.evaluate(async (recs) => {
      const b = (window as unknown as { kaopingBench: Record<'dexie' | 'raw', (r: unknown[], n: string) => Promise<number>> }).kaopingBench
      const out = { dexie: [] as number[], raw: [] as number[] }
      for (let i = 0; i < 6; i++) {
        out.raw.push(await b.raw(recs, `raw-${i}`))
        out.dexie.push(await b.dexie(recs, `dexie-${i}`))
      }
      return out
    }, data)
    // The first round warms the page up.
    const dexieMs = median(times.dexie.slice(1))
    const rawMs = median(times.raw.slice(1))
    const r = (x: number) => Math.round(x * 10) / 10
    return [
      { name: 'idb-store-10k-findings', value: r(dexieMs), unit: 'ms', limit: 'raw IndexedDB puts in one transaction', limitValue: r(rawMs), ratio: Math.round((dexieMs / rawMs) * 100) / 100, target: 1.5 },
    ]
  } finally {
    await browser.close()
    server.close()
  }
}
