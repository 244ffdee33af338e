// Pulling from the real server into IndexedDB: reference data, a supervisor's decision with its reason, a local
// edit that an older server copy must not overwrite, tombstones, and a cursor stored with the data of its page.
import './support'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiFetch } from '../../../client/src/api/client'
import type { KaopingDb } from '../../../client/src/db/db'
import { getMeta } from '../../../client/src/db/db'
import { syncContext } from '../../../client/src/sync/context'
import { syncOnce } from '../../../client/src/sync/engine'
import { pullChanges } from '../../../client/src/sync/pull'
import { editFinding, findingState, recordFinding, voidFinding } from '../../../client/src/sync/outbox'
import {
  freshDb,
  newFinding,
  pushAsSupervisor,
  reviewMutation,
  serveApiFrom,
  signInInspector,
  startTestServer,
  voidMutation,
  type TestServer,
} from './support'

let server: TestServer
let db: KaopingDb

beforeAll(async () => {
  server = await startTestServer('reference')
  serveApiFrom(server.url)
  await signInInspector(server.url)
})
afterAll(async () => server?.close())
beforeEach(() => {
  db = freshDb()
})

const serverRow = (id: string) => server.db.kysely.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

async function recordAndSync(overrides = {}) {
  const f = await newFinding(overrides)
  await recordFinding({ finding: f }, { db })
  expect(await syncOnce({ db })).toMatchObject({ outcome: 'synced', applied: 1 })
  return f
}

describe('pull', () => {
  it('brings the reference data to a fresh device, each checklist under its id and version', async () => {
    const report = await syncOnce({ db, pullLimit: 4 })
    expect(report.outcome).toBe('synced')
    expect(report.changesPulled).toBeGreaterThanOrEqual(15)
    expect(await db.districts.count()).toBe(9)
    const checklists = await db.checklists.toArray()
    expect(checklists).toHaveLength(5)
    for (const c of checklists) expect(c.key).toBe(`${c.id}@${c.version}`)
    expect((await db.policies.toArray()).map((p) => p.version)).toEqual([1])
    expect(await getMeta('cursor', db.meta)).toBeTypeOf('string')
    // Caught up: the next run pulls nothing and the cursor stays.
    const cursor = await getMeta('cursor', db.meta)
    expect(await syncOnce({ db })).toMatchObject({ changesPulled: 0 })
    expect(await getMeta('cursor', db.meta)).toBe(cursor)
  })

  it('stores the cursor in the same transaction as its page: a page that fails leaves neither', async () => {
    // The cursor write of the second page fails, as a full disk would: that page's records must not stay either.
    let cursorWrites = 0
    const failSecond = () => {
      if (++cursorWrites === 2) throw new Error('QuotaExceededError: the disk is full')
    }
    db.meta.hook('creating', (key) => (key === 'cursor' ? failSecond() : undefined))
    db.meta.hook('updating', (_mods, key) => (key === 'cursor' ? failSecond() : undefined))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const report = await syncOnce({ db, pullLimit: 4 })
    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'device', detail: expect.stringContaining('disk is full') } })
    expect(logged).toHaveBeenCalledOnce()
    logged.mockRestore()
    expect(await getMeta('lastSyncError', db.meta)).toMatchObject({ code: 'device' })
    // The seed's change log starts with the nine districts: page one (four of them) and its cursor are stored.
    expect(await db.districts.count()).toBe(4)
    const afterFirst = await getMeta<string>('cursor', db.meta)
    const firstPage = (await (await apiFetch('/sync/pull?limit=4')).json()) as { cursor: string }
    expect(afterFirst).toBe(firstPage.cursor)
    // The next run continues from there and ends with everything, once.
    expect(await syncOnce({ db, pullLimit: 4 })).toMatchObject({ outcome: 'synced' })
    expect([await db.districts.count(), await db.checklists.count(), await db.policies.count()]).toEqual([9, 5, 1])
  })

  it('shows a finding the supervisor sent back with her reason, and resubmits it once corrected', async () => {
    const f = await recordAndSync()
    const [answer] = await pushAsSupervisor(server, [reviewMutation(f.id, 'send_back', '照片看不清，请补拍')])
    expect(answer).toMatchObject({ status: 'applied' })
    await syncOnce({ db })
    const back = (await db.findings.get(f.id))!
    expect(back).toMatchObject({ status: 'sent_back', reviewReason: '照片看不清，请补拍', pending: 0 })
    expect(findingState(back)).toBe('sent_back')
    expect(await db.reviews.where('findingId').equals(f.id).count()).toBe(1)

    await editFinding(f.id, { note: '已补拍' }, { db })
    expect(findingState((await db.findings.get(f.id))!)).toBe('on_device')
    await syncOnce({ db })
    expect(await serverRow(f.id)).toMatchObject({ status: 'submitted', note: '已补拍' })
    const resubmitted = (await db.findings.get(f.id))!
    expect(resubmitted).toMatchObject({ status: 'submitted', note: '已补拍', pending: 0 })
    expect(resubmitted.reviewReason).toBeUndefined()
    expect(findingState(resubmitted)).toBe('synced')
  })

  it('keeps a local edit that is still waiting when an older copy of the finding arrives', async () => {
    const f = await recordAndSync({ note: '原记录' })
    await pushAsSupervisor(server, [reviewMutation(f.id, 'send_back', '位置不准')])
    await editFinding(f.id, { note: '改正后', street: '中山路' }, { db })
    // The edit has not gone out when the server's sent-back copy (with the old note) comes in.
    expect(await pullChanges(syncContext({ db }))).toMatchObject({ status: 'done' })
    expect(await db.reviews.where('findingId').equals(f.id).count()).toBe(1)
    const kept = (await db.findings.get(f.id))!
    expect(kept).toMatchObject({ note: '改正后', street: '中山路', pending: 1, status: 'submitted' })
    expect(findingState(kept)).toBe('on_device')

    // Once the edit is through, device and server agree.
    expect(await syncOnce({ db, force: true })).toMatchObject({ outcome: 'synced', applied: 1 })
    const row = await serverRow(f.id)
    const local = (await db.findings.get(f.id))!
    expect(row).toMatchObject({ note: '改正后', street: '中山路', status: 'submitted' })
    expect(local).toMatchObject({ note: '改正后', street: '中山路', status: 'submitted', pending: 0 })
  })

  it('drops a voided finding on its tombstone, unless a change of it is still waiting, which then shows the refusal', async () => {
    const f = await recordAndSync()
    await voidFinding(f.id, '重复记录', { db })
    await syncOnce({ db })
    expect(await serverRow(f.id)).toMatchObject({ status: 'voided', void_reason: '重复记录' })
    expect(await db.findings.get(f.id)).toBeUndefined()

    // The supervisor voids a finding while the inspector's edit of it waits on the device.
    const g = await recordAndSync()
    await pushAsSupervisor(server, [voidMutation(g.id, '不属于考核范围')])
    await editFinding(g.id, { note: '补充说明' }, { db })
    await pullChanges(syncContext({ db }))
    expect((await db.findings.get(g.id))!).toMatchObject({ status: 'voided', note: '补充说明', pending: 1 })
    expect(await syncOnce({ db })).toMatchObject({ rejected: 1 })
    const refused = (await db.findings.get(g.id))!
    expect(refused.rejection).toMatchObject({ code: 'voided' })
    expect(findingState(refused)).toBe('refused')
  })
})
