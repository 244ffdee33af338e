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
  /** Where WeCom group robot messages go (the public endpoint when unset); a district's robot key is added as `?key=`. */
  wecomUrl?: string
  /** How often scheduled jobs (overdue sheets, deadline reminders) run, in ms; a minute when unset. */
  jobIntervalMs?: number
}

export const WECOM_WEBHOOK_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send'

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.KAOPING_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seed: seedMode(env.KAOPING_SEED),
    wecomUrl: env.KAOPING_WECOM_URL || WECOM_WEBHOOK_URL,
    jobIntervalMs: positive(env.KAOPING_JOB_INTERVAL_MS, 60_000, 'KAOPING_JOB_INTERVAL_MS'),
  }
}

function seedMode(v: string | undefined): Config['seed'] {
  if (v === undefined || v === '' || v === 'demo') return 'demo'
  if (v === 'reference' || v === 'none') return v
  throw new Error(`KAOPING_SEED must be demo, reference or none, got "${v}"`)
}

function positive(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, got "${v}"`)
  return n
}
