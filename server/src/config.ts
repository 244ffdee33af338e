// Settings from the environment, read once at start.
import { resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** postgres://… when set; otherwise an SQLite file in the data directory. */
  databaseUrl?: string
  /** Load demo data into an empty database. */
  seedDemo: boolean
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.KAOPING_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seedDemo: env.KAOPING_SEED !== 'none',
  }
}
