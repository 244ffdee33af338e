// The device's hybrid logical clock in IndexedDB: strictly increasing, never repeated across concurrent writers,
// merging the server's clock, refusing one implausibly far ahead.
import './support'
import { describe, expect, it } from 'vitest'
import { decodeHlc, encodeHlc, MAX_DRIFT_MS } from '@shared/sync/hlc'
import { getMeta } from '../../../client/src/db/db'
import { deviceId } from '../../../client/src/features/auth/session'
import { nextHlc, observe } from '../../../client/src/sync/clock'
import { freshDb } from './support'

describe('device clock', () => {
  it('ticks strictly upwards with this device as its device, and keeps its value in meta', async () => {
    const db = freshDb()
    const frozen = () => 1_700_000_000_000
    const a = await nextHlc({ db, now: frozen })
    const b = await nextHlc({ db, now: frozen })
    const c = await nextHlc({ db, now: () => 1_700_000_000_500 })
    expect(a < b && b < c).toBe(true)
    expect(decodeHlc(a)).toEqual({ ms: 1_700_000_000_000, counter: 0, device: await deviceId() })
    expect(decodeHlc(b)!.counter).toBe(1)
    expect(await getMeta('hlc', db.meta)).toBe(c)
    // A wall clock that went backwards (the tablet's time was corrected) does not take the clock back.
    const d = await nextHlc({ db, now: () => 1_600_000_000_000 })
    expect(d > c).toBe(true)
  })

  it('hands out distinct values to writers racing on one database (each tick is one rw transaction)', async () => {
    const db = freshDb()
    const now = () => 1_700_000_000_000
    const values = await Promise.all(Array.from({ length: 40 }, () => nextHlc({ db, now })))
    expect(new Set(values).size).toBe(40)
  })

  it('moves past a clock seen from the server, but not to one more than a day ahead', async () => {
    const db = freshDb()
    const now = () => 1_700_000_000_000
    await nextHlc({ db, now })
    const server = encodeHlc({ ms: now() + 60_000, counter: 7, device: 'server' })
    expect(await observe(server, { db, now })).toBe(true)
    expect((await nextHlc({ db, now })) > server).toBe(true)
    const wild = encodeHlc({ ms: now() + MAX_DRIFT_MS + 60_000, counter: 0, device: 'server' })
    const before = await getMeta<string>('hlc', db.meta)
    expect(await observe(wild, { db, now })).toBe(false)
    expect(await observe('not a clock', { db, now })).toBe(false)
    expect(await getMeta('hlc', db.meta)).toBe(before)
  })
})
