// Runs the scheduled jobs: once at start (catching up on whatever came due while the server was down), then every
// `intervalMs` after the previous pass has finished, so passes never overlap within a process. Several processes
// may run it at once: every job is safe to run concurrently (see rectification/overdue.ts).
import type { Db } from '../db/database'
import type { LiveBus } from '../live/bus'
import { runDeadlinePass, type DeadlinePass } from './deadlines'

export interface JobOptions {
  intervalMs: number
  bus: LiveBus
  log?: (msg: string) => void
  /** The clock; tests move it. */
  now?: () => number
}

export interface Jobs {
  /** Runs a pass now (after the one in progress, if any) and resolves with it. */
  runNow(): Promise<DeadlinePass>
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>
}

export function startJobs(db: Db, opts: JobOptions): Jobs {
  const log = opts.log ?? (() => {})
  const now = opts.now ?? Date.now
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let running: Promise<unknown> = Promise.resolve()

  const pass = async (): Promise<DeadlinePass> => {
    const result = await runDeadlinePass(db, now())
    if (result.notices.length) await opts.bus.publish(result.notices)
    if (result.overdue.length || result.reminded.length) log(`deadlines: ${result.overdue.length} sheet(s) overdue, ${result.reminded.length} reminded`)
    for (const f of result.failed) log(`deadlines: sheet ${f.id} failed: ${f.error}`)
    return result
  }
  const enqueue = (): Promise<DeadlinePass> => {
    const next = running.then(pass, pass)
    running = next.catch(() => undefined)
    return next
  }
  const tick = () => {
    timer = undefined
    enqueue()
      .catch((err) => log(`deadlines: pass failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs)
      })
  }
  tick()
  return {
    runNow: enqueue,
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
