// `npm start`: build the client if it is missing or older than its sources, then serve app and API.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from './config'
import { startServer } from './server'

const root = fileURLToPath(new URL('../..', import.meta.url))
const clientDir = join(root, 'dist/client')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

async function buildClientIfNeeded(): Promise<void> {
  const index = join(clientDir, 'index.html')
  const sources = Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'shared')))
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  console.log('building the client …')
  const { build } = await import('vite')
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' })
}

const config = loadConfig()
await buildClientIfNeeded()
const server = await startServer(config, { clientDir, log: (m) => console.log(m) })
console.log(`Kaoping ${server.db.dialect === 'postgres' ? 'on PostgreSQL' : `on SQLite in ${config.dataDir}`} — ${server.url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close().finally(() => process.exit(0))
  })
}
