// Settings from the environment, read once at start.
import { resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** postgres://… when set; otherwise an SQLite file in the data directory. */
  databaseUrl?: string
  /** What an empty database is filled with: reference data and demo users, plus demo months with 'demo'. */
  seed: 'demo' | 'reference' | 'none'
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.KAOPING_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seed: seedMode(env.KAOPING_SEED),
  }
}

function seedMode(v: string | undefined): Config['seed'] {
  if (v === undefined || v === '' || v === 'demo') return 'demo'
  if (v === 'reference' || v === 'none') return v
  throw new Error(`KAOPING_SEED must be demo, reference or none, got "${v}"`)
}
