// Opens storage, migrates, seeds an empty database, and serves the app: the whole server in one call.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createApp } from './app'
import { WECOM_WEBHOOK_URL, type Config } from './config'
import { openDatabase, type Db } from './db/database'
import { migrateToLatest } from './db/migrate'
import { seedIfEmpty } from './seed/seed'
import { fsBlobStore } from './photos/fs-blob-store'
import type { Server } from 'node:http'
import { localBus } from './live/bus'
import { pgBus } from './live/pg-bus'
import { DEFAULT_POLICY } from '@shared/domain'
import { startJobs } from './jobs/scheduler'
import { startNotifier } from './notify'

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
    const demo = config.seed === 'demo'
    const seeded = await seedIfEmpty(db.kysely, { timeZone: DEFAULT_POLICY.timeZone, demoMonths: demo, demoSheets: demo })
    if (seeded) log(`seeded demo data: ${seeded}`)
  }
  const bus = db.dialect === 'postgres' ? await pgBus(config.databaseUrl!, { log: opts.log }) : localBus()
  const app = createApp({ db, version: VERSION, clientDir: opts.clientDir, bus, photos: fsBlobStore(join(config.dataDir, 'blobs')) })
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  // Overdue sheets and deadline reminders, caught up at once after downtime; the WeCom messages they queue.
  const jobs = startJobs(db, { intervalMs: config.jobIntervalMs ?? 60_000, bus, log })
  const notifier = startNotifier(db, { wecomUrl: config.wecomUrl ?? WECOM_WEBHOOK_URL, log })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  return {
    url,
    db,
    close: async () => {
      await jobs.stop()
      await notifier.stop()
      await bus.close()
      // Live streams never end by themselves: stop accepting, let requests in flight finish, then cut what is left.
      const http = server as Server
      const grace = setTimeout(() => http.closeAllConnections(), 2000)
      await new Promise<void>((resolve) => {
        http.close(() => resolve())
        http.closeIdleConnections()
      })
      clearTimeout(grace)
      await db.close()
    },
  }
}
