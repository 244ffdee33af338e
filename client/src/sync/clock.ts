// The device's hybrid logical clock, kept in db.meta under 'hlc'. Every mutation the device writes takes the next
// value, so the server orders two devices' edits of one field the same way whatever order they arrive in.
//
// Each step reads, advances and writes the clock inside one read-write transaction on meta: two tabs (or a tab
// and the sync engine) ticking at once are serialised by IndexedDB and never hand out the same value. Called
// inside a caller's transaction that includes meta, the step joins it, so the value is saved with the data it
// stamps or not at all.
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from '@shared/sync/hlc'
import { getMeta, setMeta } from '../db/db'
import { syncContext, type SyncDeps } from './context'

const KEY = 'hlc'

export interface ClockOptions extends Pick<SyncDeps, 'db' | 'now' | 'deviceId'> {
  /** The device id, when the caller already has it. Pass it inside a transaction: reading it there could
   *  touch another database and let the transaction commit early. */
  device?: string
}

/** The next clock value for a local write. */
export async function nextHlc(options: ClockOptions = {}): Promise<string> {
  const ctx = syncContext(options)
  const device = options.device ?? (await ctx.deviceId())
  const db = ctx.db
  return db.transaction('rw', db.meta, async () => {
    const next = tick(await load(db.meta, device), ctx.now())
    await setMeta(KEY, encodeHlc(next), db.meta)
    return encodeHlc(next)
  })
}

/**
 * Merges a clock seen from elsewhere (the server's, after a push) so that the device's next value is later.
 * A clock more than a day ahead is not taken (a server with a wrong clock must not drag ours into the future);
 * returns whether it was taken.
 */
export async function observe(remote: string, options: ClockOptions = {}): Promise<boolean> {
  const seen = decodeHlc(remote)
  if (!seen) return false
  const ctx = syncContext(options)
  const device = options.device ?? (await ctx.deviceId())
  const db = ctx.db
  return db.transaction('rw', db.meta, async () => {
    let next: Hlc
    try {
      next = receive(await load(db.meta, device), seen, ctx.now())
    } catch (err) {
      if (err instanceof RangeError) return false
      throw err
    }
    await setMeta(KEY, encodeHlc(next), db.meta)
    return true
  })
}

async function load(table: Parameters<typeof getMeta>[1], device: string): Promise<Hlc> {
  const last = decodeHlc((await getMeta<string>(KEY, table)) ?? '')
  // The stored clock keeps its time and counter; the device part is always this device's.
  return last ? { ...last, device } : { ms: 0, counter: 0, device }
}
