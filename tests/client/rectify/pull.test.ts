// Pulled sheets on the device: stored with their findings, a step waiting in the outbox kept over the server's
// copy (which is kept beside it), a withdrawn sheet removed, the inspector's re-inspection tasks following the
// sheets, and changes the device does not keep (appeals) or cannot read passed over with the cursor moving on.
import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER_IDS } from '@shared/seed'
import { currentSession } from '../../../client/src/features/auth/session'
import { getMeta, KaopingDb } from '../../../client/src/db/db'
import { applyPage, CURSOR_KEY } from '../../../client/src/sync/pull'
import { startRectification } from '../../../client/src/sync/rectification-outbox'
import { pulledSheet, upsert } from './fixtures'

const fresh = () => new KaopingDb(`rectify-pull-${randomUUID()}`)
const deps = (db: KaopingDb) => ({ db, deviceId: async () => 'tab-test' })
const signedIn = (id: string, role: 'inspector' | 'district') =>
  (currentSession.value = { token: 't', expiresAt: '2099-01-01T00:00:00Z', user: { id, username: 'u', displayName: 'U', role, districtCode: role === 'district' ? '230103' : null } })

afterEach(() => {
  currentSession.value = null
  vi.restoreAllMocks()
})

describe('pulling sheets', () => {
  it('stores each sheet with its findings, passes over appeals and unreadable data, and moves the cursor', async () => {
    const db = fresh()
    signedIn(DEMO_USER_IDS.nangang, 'district')
    const a = pulledSheet()
    const b = pulledSheet({ status: 'submitted', deadline: '2026-11-25T18:00:00+08:00' })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const page = {
      changes: [
        upsert(a),
        { entity: 'appeal' as const, id: randomUUID(), op: 'upsert' as const, data: { id: 'x', status: 'pending' } },
        { entity: 'rectification' as const, id: randomUUID(), op: 'upsert' as const, data: { id: 'not a sheet' } },
        upsert(b),
      ],
      cursor: 'c1',
      more: false,
    }
    expect(await applyPage(db, undefined, page, 1000)).toBe(true)
    expect(await getMeta(CURSOR_KEY, db.meta)).toBe('c1')
    expect((await db.rectifications.orderBy('deadline').toArray()).map((r) => r.id)).toEqual([b.order.id, a.order.id])
    expect(await db.rectifications.get(a.order.id)).toMatchObject({ status: 'new', districtCode: '230103', pending: 0, touchedAt: 1000, findings: a.findings, server: a.order })
    expect(await db.rectifications.where('status').equals('submitted').count()).toBe(1)
    expect(warn).toHaveBeenCalledTimes(1)
    // A district's device has no re-inspection tasks.
    expect(await db.tasks.count()).toBe(0)
  })

  it('keeps the device’s step over the server’s copy while it waits, and takes the server’s copy once answered', async () => {
    const db = fresh()
    signedIn(DEMO_USER_IDS.nangang, 'district')
    const s = pulledSheet()
    await applyPage(db, undefined, { changes: [upsert(s)], cursor: 'c1', more: false }, 1)
    expect(await startRectification(s.order.id, deps(db))).toMatchObject({ ok: true })

    // The bureau moved the deadline meanwhile: the server's copy is kept beside the device's step.
    const moved = { ...s, order: { ...s.order, deadline: '2026-11-30T18:00:00+08:00' } }
    await applyPage(db, 'c1', { changes: [upsert(moved)], cursor: 'c2', more: false }, 2)
    const row = (await db.rectifications.get(s.order.id))!
    expect(row).toMatchObject({ status: 'in_progress', pending: 1, server: { status: 'new', deadline: '2026-11-30T18:00:00+08:00' } })

    // Answered (the entry left the outbox): the server's copy wins.
    await db.transaction('rw', db.outbox, db.rectifications, async () => {
      await db.outbox.clear()
      await db.rectifications.update(s.order.id, { pending: 0 })
    })
    const started = { ...moved, order: { ...moved.order, status: 'in_progress' as const } }
    await applyPage(db, 'c2', { changes: [upsert(started)], cursor: 'c3', more: false }, 3)
    expect(await db.rectifications.get(s.order.id)).toMatchObject({ status: 'in_progress', pending: 0, deadline: '2026-11-30T18:00:00+08:00' })
  })

  it('removes a withdrawn sheet, unless a step of it still waits', async () => {
    const db = fresh()
    signedIn(DEMO_USER_IDS.nangang, 'district')
    const gone = pulledSheet()
    const kept = pulledSheet()
    await applyPage(db, undefined, { changes: [upsert(gone), upsert(kept)], cursor: 'c1', more: false }, 1)
    await startRectification(kept.order.id, deps(db))
    const del = (id: string) => ({ entity: 'rectification' as const, id, op: 'delete' as const })
    await applyPage(db, 'c1', { changes: [del(gone.order.id), del(kept.order.id)], cursor: 'c2', more: false }, 2)
    expect(await db.rectifications.get(gone.order.id)).toBeUndefined()
    expect(await db.rectifications.get(kept.order.id)).toMatchObject({ pending: 1 })
  })

  it('makes each submitted sheet covering the inspector’s findings an open task, and closes it when the sheet moves on', async () => {
    const db = fresh()
    signedIn(DEMO_USER_IDS.zhangwei, 'inspector')
    const mine = pulledSheet({ status: 'submitted' })
    const waitingForDistrict = pulledSheet({ status: 'in_progress' })
    const someoneElses = pulledSheet({ status: 'submitted' }, DEMO_USER_IDS.wangqiang)
    await applyPage(db, undefined, { changes: [upsert(mine), upsert(waitingForDistrict), upsert(someoneElses)], cursor: 'c1', more: false }, 1)
    expect(await db.tasks.get(mine.order.id)).toEqual({
      id: mine.order.id,
      kind: 'reinspection',
      title: '哈城考〔2026〕11-007 · 红军街',
      districtCode: '230103',
      status: 'open',
      data: { orderId: mine.order.id },
    })
    expect(await db.tasks.get(waitingForDistrict.order.id)).toMatchObject({ status: 'done' })
    expect(await db.tasks.get(someoneElses.order.id)).toBeUndefined()
    expect(await db.tasks.where('status').equals('open').count()).toBe(1)

    const closed = { ...mine, order: { ...mine.order, status: 'closed' as const } }
    await applyPage(db, 'c1', { changes: [upsert(closed), { entity: 'rectification', id: waitingForDistrict.order.id, op: 'delete' }], cursor: 'c2', more: false }, 2)
    expect(await db.tasks.get(mine.order.id)).toMatchObject({ status: 'done' })
    expect(await db.tasks.get(waitingForDistrict.order.id)).toBeUndefined()
  })
})
