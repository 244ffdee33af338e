// Builds the client when dist/client is missing or older than its sources; run directly, it builds and exits.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CLIENT_DIR = join(ROOT, 'dist/client')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

export function clientIsStale(): boolean {
  const index = join(CLIENT_DIR, 'index.html')
  const sources = Math.max(newestMtime(join(ROOT, 'client')), newestMtime(join(ROOT, 'shared')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs)
  return !existsSync(index) || statSync(index).mtimeMs < sources
}

export async function buildClientIfNeeded(log: (msg: string) => void = console.log): Promise<void> {
  if (!clientIsStale()) return
  log('building the client …')
  // The production bundle whatever NODE_ENV the caller runs under (a test runner sets "test").
  process.env.NODE_ENV = 'production'
  const { build } = await import('vite')
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildClientIfNeeded()
