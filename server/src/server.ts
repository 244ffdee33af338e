// Opens storage, migrates, seeds an empty database, and serves the app: the whole server in one call.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createApp } from './app'
import type { Config } from './config'
import { openDatabase, type Db } from './db/database'
import { migrateToLatest } from './db/migrate'
import { seedIfEmpty } from './seed/seed'
import { fsBlobStore } from './photos/fs-blob-store'
import { DEFAULT_POLICY } from '@shared/domain'

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version

export interface RunningServer {
  url: string
  db: Db
  close(): Promise<void>
}

export async function startServer(config: Config, opts: { clientDir?: string; log?: (msg: string) => void } = {}): Promise<RunningServer> {
  const log = opts.log ?? (() => {})
  const db = openDatabase(config)
  const applied = await migrateToLatest(db.kysely)
  if (applied.length) log(`migrated ${db.dialect}: ${applied.join(', ')}`)
  if (config.seed !== 'none') {
    const seeded = await seedIfEmpty(db.kysely, { timeZone: DEFAULT_POLICY.timeZone, demoMonths: config.seed === 'demo' })
    if (seeded) log(`seeded demo data: ${seeded}`)
  }
  const app = createApp({ db, version: VERSION, clientDir: opts.clientDir, photos: fsBlobStore(join(config.dataDir, 'blobs')) })
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  return {
    url,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
    },
  }
}
