// Reading the workspace's data from the real server on every database: a month page after page is the same as in
// one request, void findings included; a few findings by id after a live notice; merging fresh rows into the
// loaded month; the month's duplicate pairs; a finding in full; the districts; errors worded.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harbinDistrictCenters } from '@shared/seed'
import { loadDetail, loadDistricts, loadDuplicates, loadIds, loadMonth, mergeRows } from '../../../client/src/features/review/review-api'
import { DIALECTS } from '../../support/databases'
import { testApp, type SignedIn, type TestApp } from '../../support/app'
import { create, finding, voidIt } from '../../support/fixtures'
import { row } from './rows'
import { transport, type Recorded } from './support'

describe('merging fresh rows into the month', () => {
  it('replaces, adds, drops what left the month and what did not come back', () => {
    const current = new Map([['a', row({ id: 'a' })], ['b', row({ id: 'b' })], ['c', row({ id: 'c' })]])
    const next = mergeRows(current, ['a', 'b', 'c', 'd'], [row({ id: 'a', status: 'confirmed' }), row({ id: 'b', month: '2026-10' }), row({ id: 'd' })], '2026-11')
    expect([...next.keys()].sort()).toEqual(['a', 'd'])
    expect(next.get('a')!.status).toBe('confirmed')
    expect(current.size).toBe(3)
  })
})

describe.each(DIALECTS)('reading the workspace’s data on %s', (dialect) => {
  let t: TestApp
  let supervisor: SignedIn
  let inspector: SignedIn
  let other: SignedIn
  const month = '2026-11'

  beforeAll(async () => {
    t = await testApp(dialect)
    supervisor = await t.login('lina')
    inspector = await t.login('zhangwei')
    other = await t.login('wangqiang')
  })
  afterAll(async () => t?.close())

  const push = (who: SignedIn, mutations: unknown[]) =>
    t.app.request('/api/sync/push', { method: 'POST', headers: who.headers, body: JSON.stringify({ deviceId: who.deviceId, mutations }) })

  it('loads a month page after page exactly as in one request, void findings included', async () => {
    const gone = finding(inspector.user.id)
    await push(inspector, [create(gone), voidIt(gone.id)])
    const log: Recorded[] = []
    const paged = await loadMonth(transport(t.app, supervisor, log), month, 100)
    const whole = await loadMonth(transport(t.app, supervisor), month)
    expect(paged.ok && whole.ok).toBe(true)
    if (!paged.ok || !whole.ok) return
    const stored = await t.db.kysely.selectFrom('findings').select('id').where('month', '=', month).execute()
    expect(whole.data.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort())
    expect(paged.data.map((r) => r.id)).toEqual(whole.data.map((r) => r.id))
    expect(log.length).toBe(Math.ceil(stored.length / 100) + (stored.length % 100 === 0 ? 1 : 0))
    expect(log.length).toBeGreaterThan(1)
    expect(whole.data.find((r) => r.id === gone.id)?.status).toBe('voided')
    expect(whole.data.every((r) => r.month === month)).toBe(true)
  })

  it('loads findings by id in requests of at most 250, leaving out ids it does not know', async () => {
    const all = await loadMonth(transport(t.app, supervisor), month)
    if (!all.ok) throw new Error('month')
    const some = all.data.slice(0, 3).map((r) => r.id)
    const log: Recorded[] = []
    const stranger = randomUUID()
    const res = await loadIds(transport(t.app, supervisor, log), [...some, stranger, some[0]!])
    expect(res.ok && res.data.map((r) => r.id).sort()).toEqual([...some].sort())
    expect(log).toHaveLength(1)
    const many = Array.from({ length: 251 }, () => randomUUID())
    const log2: Recorded[] = []
    expect(await loadIds(transport(t.app, supervisor, log2), many)).toEqual({ ok: true, data: [] })
    expect(log2).toHaveLength(2)
  })

  it('loads the month’s duplicate pairs, a finding in full, and the districts', async () => {
    const center = harbinDistrictCenters()['230103']!
    const a = finding(inspector.user.id, { itemCode: 'HW-03', recordedAt: '2026-11-18T10:00:00+08:00', location: { ...center, accuracy: 5 } })
    const b = finding(other.user.id, { itemCode: 'HW-03', recordedAt: '2026-11-18T10:10:00+08:00', location: { lat: center.lat + 0.00005, lng: center.lng, accuracy: 5 } })
    await push(inspector, [create(a)])
    await push(other, [create(b)])
    const api = transport(t.app, supervisor)
    const dups = await loadDuplicates(api, month)
    expect(dups.ok && dups.data.pairs.some((p) => p.a.id === a.id && p.b.id === b.id)).toBe(true)
    const detail = await loadDetail(api, a.id)
    expect(detail.ok && detail.data.duplicates.map((d) => d.id)).toEqual([b.id])
    expect(detail.ok && detail.data.deduction?.text.zh).toBe('2 处 × 2 分 = 4 分')
    expect(await loadDetail(api, randomUUID())).toEqual({ ok: false, problem: { key: 'review.errors.notFound' } })
    const districts = await loadDistricts(api)
    expect(districts.ok && districts.data.map((d) => d.code)).toContain('230103')
    expect(districts.ok && districts.data).toHaveLength(9)
    const bad = await loadMonth(api, '2026-13')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect('zh' in bad.problem && bad.problem.zh).toMatch(/月份须为 YYYY-MM 格式/)
  })
})
