// The sender: posts each district's queued messages to its robot, oldest first, at most `perMinute` a minute.
// A message is claimed before it is sent by moving its next attempt past the send's timeout (a conditional update
// that only one process can win), so two server processes on one database never send it twice. Only the oldest
// queued message of a district may be claimed: that keeps the order, and means one send per district is in flight
// at a time across all processes, which is what makes the per-minute count exact. Districts are sent in parallel,
// and every request has a timeout, so a slow robot holds up only its own district.
import type { Selectable } from 'kysely'
import type { Db } from '../db/database'
import type { NotificationTable } from '../db/schema'

export interface NotifierOptions {
  /** The robot endpoint; the district's key is added as `?key=`. */
  wecomUrl: string
  log?: (m: string) => void
  now?: () => number
  /** Pause between passes, ms. */
  intervalMs?: number
  /** False: no loop; the caller runs passes with runOnce(). */
  loop?: boolean
  /** Longest wait for the robot's answer, ms. */
  timeoutMs?: number
  /** Attempts before a message is marked failed. */
  maxAttempts?: number
  /** Wait after the first failure, doubled after each further one, ms. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** WeCom accepts 20 messages a minute per robot. */
  perMinute?: number
}

export interface Notifier {
  stop(): Promise<void>
  /** One pass over every district with a robot; resolves when it is done. */
  runOnce(): Promise<void>
}

export const NOTIFIER_DEFAULTS = {
  intervalMs: 2_000,
  timeoutMs: 10_000,
  maxAttempts: 6,
  baseDelayMs: 10_000,
  maxDelayMs: 10 * 60_000,
  perMinute: 20,
} as const

const MINUTE = 60_000

type Row = Selectable<NotificationTable>

/** Exponential backoff after the `attempts`-th failure. */
export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1))
}

/** The robot's URL for a key, whether or not the endpoint already has a query. */
export function robotUrl(wecomUrl: string, key: string): string {
  return `${wecomUrl}${wecomUrl.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`
}

/** Posts one markdown message; resolves to an error text, or null when WeCom answered errcode 0. */
export async function postMarkdown(url: string, content: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    if (!res.ok) return `HTTP ${res.status}`
    let body: { errcode?: unknown; errmsg?: unknown }
    try {
      body = JSON.parse(text)
    } catch {
      return 'the answer was not JSON'
    }
    if (body.errcode !== 0) return `errcode ${String(body.errcode)}: ${String(body.errmsg ?? '').slice(0, 200)}`
    return null
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } }
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`
    return `network error: ${e.cause?.code ?? e.cause?.message ?? e.message}`
  }
}

export function startNotifier(db: Db, opts: NotifierOptions): Notifier {
  const o = { ...NOTIFIER_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Required<NotifierOptions>
  const clock = opts.now ?? Date.now
  const log = opts.log ?? (() => {})
  // Longer than any send can take, so a claim is never taken over while its send may still succeed.
  const lease = o.timeoutMs + 30_000
  const k = db.kysely
  const busy = new Set<string>()

  /** Error text without the key, should anything ever echo the URL. */
  const hide = (text: string, key: string) => (key ? text.split(key).join('***') : text)

  async function head(code: string): Promise<Row | undefined> {
    return k
      .selectFrom('notifications')
      .selectAll()
      .where('district_code', '=', code)
      .where('status', '=', 'queued')
      .orderBy('created_ms')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
  }

  /** Takes the message if it is still queued as read; false when another process got there first. */
  async function claim(row: Row, until: number): Promise<boolean> {
    const r = await k
      .updateTable('notifications')
      .set({ next_attempt_ms: until })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .where('next_attempt_ms', '=', row.next_attempt_ms)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  /** When the robot may take another message: now, or when the oldest send of the last minute leaves the window. */
  async function slotAt(code: string, now: number): Promise<number> {
    const recent = await k
      .selectFrom('notifications')
      .select('sent_at')
      .where('district_code', '=', code)
      .where('status', '=', 'sent')
      .where('sent_at', '>', new Date(now - MINUTE).toISOString())
      .orderBy('sent_at', 'desc')
      .limit(o.perMinute)
      .execute()
    if (recent.length < o.perMinute) return now
    return Date.parse(recent[recent.length - 1]!.sent_at!) + MINUTE
  }

  async function drain(code: string, key: string): Promise<void> {
    for (;;) {
      const row = await head(code)
      const now = clock()
      if (!row || Number(row.next_attempt_ms) > now) return
      const until = now + lease
      if (!(await claim(row, until))) return
      const mine = (q: ReturnType<typeof k.updateTable<'notifications'>>) => q.where('id', '=', row.id).where('next_attempt_ms', '=', until)
      const slot = await slotAt(code, now)
      if (slot > now) {
        // The robot's minute is full: give the message back, due when a slot frees.
        await mine(k.updateTable('notifications').set({ next_attempt_ms: slot })).execute()
        return
      }
      const error = await postMarkdown(robotUrl(o.wecomUrl, key), row.markdown, o.timeoutMs)
      const at = clock()
      const attempts = Number(row.attempts) + 1
      if (error === null) {
        await mine(k.updateTable('notifications').set({ status: 'sent', attempts, sent_at: new Date(at).toISOString(), last_error: null })).execute()
        continue
      }
      const lastError = hide(error, key)
      if (attempts >= o.maxAttempts) {
        await mine(k.updateTable('notifications').set({ status: 'failed', attempts, last_error: lastError, next_attempt_ms: at })).execute()
        log(`notification ${row.id} (${row.kind}) to district ${code} failed for good after ${attempts} attempts: ${lastError}`)
        continue
      }
      const retryAt = at + backoffMs(attempts, o.baseDelayMs, o.maxDelayMs)
      await mine(k.updateTable('notifications').set({ attempts, last_error: lastError, next_attempt_ms: retryAt })).execute()
      log(`notification ${row.id} (${row.kind}) to district ${code} failed (attempt ${attempts}), retrying at ${new Date(retryAt).toISOString()}: ${lastError}`)
      // Later messages of the district wait behind this one, to keep their order.
      return
    }
  }

  async function runOnce(): Promise<void> {
    const hooks = await k.selectFrom('district_webhooks').select(['district_code', 'robot_key']).orderBy('district_code').execute()
    await Promise.all(
      hooks
        .filter((h) => !busy.has(h.district_code))
        .map(async (h) => {
          busy.add(h.district_code)
          try {
            await drain(h.district_code, h.robot_key)
          } catch (err) {
            log(`notifications of district ${h.district_code}: ${hide((err as Error).message, h.robot_key)}`)
          } finally {
            busy.delete(h.district_code)
          }
        }),
    )
  }

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    running = runOnce()
      .catch((err) => log(`notifier: ${(err as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, o.intervalMs)
      })
  }
  if (o.loop !== false) timer = setTimeout(tick, 0)

  return {
    runOnce,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
