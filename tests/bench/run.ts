// Runs every benchmark of the project (tests/bench/*.bench.ts) and prints one line each; `--json` also
// writes bench-results.json at the repo root. A bench default-exports `async () => BenchResult[]`.
import { readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchResult } from './measure'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

function line(r: BenchResult): string {
  const target = r.targetUnit ? `target <= ${r.target} ${r.targetUnit}` : `target <= ${r.target}x`
  return `bench ${r.name}: ${r.value} ${r.unit} (${r.ratio}x ${r.limit}, ${target})`
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
  const results: BenchResult[] = []
  let failed = false
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchResult[]> }
      for (const r of await mod.default()) {
        console.log(line(r))
        results.push(r)
      }
    } catch (e) {
      failed = true
      console.error(`bench ${file}: failed: ${(e as Error).stack ?? e}`)
    }
  }
  if (process.argv.includes('--json')) {
    const out = results.map(({ name, value, unit, limit, ratio, target }) => ({ name, value, unit, limit, ratio, target }))
    writeFileSync(join(root, 'bench-results.json'), JSON.stringify(out, null, 2) + '\n')
  }
  if (failed) process.exitCode = 1
}

await main()
