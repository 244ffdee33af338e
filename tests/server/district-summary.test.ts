// A district's own page on every database: its numbers are exactly those of the score view and the funding table
// (preliminary this month, frozen once published), the largest deductions with overdue penalties among them, the
// sheets still open nearest deadline first; its own district's users, the bureau, and nobody else.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { RectificationOrder } from '@shared/domain'
import { monthOf } from '@shared/time'
import { createApp, type AppEnv } from '../../server/src/app'
import type { DistrictSummary } from '../../server/src/district/summary'
import type { DistrictView } from '../../server/src/scores/district-view'
import type { FundingTable } from '../../server/src/scores/funding-table'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { hlc } from '../support/fixtures'

const DAY = 86_400_000

function deadlineIn(days: number): string {
  const d = new Date(Date.now() + days * DAY + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 10)}T18:00:00+08:00`
}

describe.each(DIALECTS)('the district summary on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  let lina: SignedIn
  let admin: SignedIn
  let nangang: SignedIn
  let daoli: SignedIn
  let zhangwei: SignedIn
  let pool: string[]
  const month = monthOf(Date.now(), 'Asia/Shanghai')

  beforeAll(async () => {
    t = await testApp(dialect)
    api = createApp({ db: t.db, version: 'test' })
    ;[lina, admin, nangang, daoli, zhangwei] = await Promise.all(['lina', 'admin', 'nangang', 'daoli', 'zhangwei'].map((u) => t.login(u)))
    pool = (
      await t.db.kysely
        .selectFrom('findings')
        .select('id')
        .where('district_code', '=', '230103')
        .where('status', '=', 'confirmed')
        .where('line', '=', 'enforcement')
        .orderBy('id')
        .execute()
    ).map((r) => r.id)
    expect(pool.length).toBeGreaterThan(3)
  })
  afterAll(async () => t?.close())

  async function get<T>(who: SignedIn | null, path: string, status = 200): Promise<T> {
    const res = await api.request(path, { headers: who?.headers ?? {} })
    expect(res.status, await res.clone().text()).toBe(status)
    return (await res.json()) as T
  }
  const summary = (who: SignedIn, code = '230103', query = '') => get<DistrictSummary>(who, `/api/districts/${code}/summary${query}`)
  async function issue(findingIds: string[], deadline: string): Promise<RectificationOrder> {
    const res = await api.request('/api/rectifications', {
      method: 'POST',
      headers: lina.headers,
      body: JSON.stringify({ id: randomUUID(), findingIds, requirements: '依法查处。', deadline }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as RectificationOrder
  }
  const push = (who: SignedIn, type: string, payload: unknown) =>
    api.request('/api/sync/push', {
      method: 'POST',
      headers: who.headers,
      body: JSON.stringify({ deviceId: who.deviceId, mutations: [{ id: randomUUID(), type, hlc: hlc(), payload }] }),
    })

  /** The summary checked against the score view and the funding table of the same month, as the same user. */
  async function expectSameAsScores(s: DistrictSummary, who: SignedIn, code: string) {
    const view = await get<DistrictView>(who, `/api/scores/months/${s.month}/districts/${code}`)
    const r = view.result
    expect(s.preliminary).toBe(view.mode === 'preliminary')
    expect(s.composite).toBe(r.composite.display)
    expect(s.professional).toBe(r.professional.display)
    expect(s.lines).toEqual(
      r.professional.lines.map((l) => ({ line: l.line, lineName: expect.any(Object), score: l.display, deducted: l.itemsDeducted + l.penaltiesDeducted })),
    )
    expect(s.social).toEqual({ complaints: r.social.complaints.score.display, media: r.social.media.display, survey: r.social.survey.display })

    const funding = await get<FundingTable>(who, `/api/scores/months/${s.month}/funding`)
    const rows = funding.rows.filter((f) => f.districtCode === code)
    expect(rows.length).toBeGreaterThan(0)
    const sum = (k: 'atStakeFen' | 'paidFen' | 'withheldFen') => rows.reduce((n, f) => n + f[k], 0)
    expect(s.funding).toEqual({ atStake: sum('atStakeFen'), paid: sum('paidFen'), withheld: sum('withheldFen') })
    expect(s.funding.atStake).toBe(s.funding.paid + s.funding.withheld)

    // The largest deductions, largest first: items after their caps, and each line's overdue penalties.
    const all = r.professional.lines.flatMap((l) => [
      ...l.items.filter((i) => i.counted > 0).map((i) => ({ key: `${l.line}/${i.itemCode}`, deducted: i.counted, findings: i.findingIds.length })),
      ...(l.penaltiesDeducted ? [{ key: `${l.line}/overdue`, deducted: l.penaltiesDeducted, findings: l.penalties.length }] : []),
    ])
    expect(s.topDeductions.length).toBe(Math.min(5, all.length))
    const deducted = s.topDeductions.map((d) => d.deducted)
    expect(deducted).toEqual([...deducted].sort((a, b) => b - a))
    for (const d of s.topDeductions) expect(all).toContainEqual({ key: `${d.line}/${d.itemCode}`, deducted: d.deducted, findings: d.findings })
    const shown = new Set(s.topDeductions.map((d) => `${d.line}/${d.itemCode}`))
    for (const a of all) if (!shown.has(a.key)) expect(a.deducted).toBeLessThanOrEqual(deducted.at(-1)!)
    return view
  }

  it("gives a district user their district's month with exactly the score view's numbers", async () => {
    const s = await summary(nangang)
    expect(s).toMatchObject({ month, districtCode: '230103', districtName: { zh: '南岗区' }, preliminary: true, source: 'live' })
    expect(s.topDeductions.length).toBe(5)
    expect(s.topDeductions[0]!.itemName.zh).toMatch(/[\u4e00-\u9fff]/)
    const view = await expectSameAsScores(s, nangang, '230103')
    // Its note counts this district's unconfirmed findings only, as the bureau's page of it does.
    expect(s.note.zh).toContain(`含本区 ${view.unconfirmed!.submitted + view.unconfirmed!.sentBack} 条`)
    // The bureau sees the same page of any district.
    expect(await summary(lina)).toEqual(s)
    await expectSameAsScores(await summary(admin, '230102'), admin, '230102')
  })

  it('lists the open sheets nearest deadline first, counts overdue penalties, and drops a closed sheet', async () => {
    const later = await issue(pool.splice(0, 2), deadlineIn(6))
    const sooner = await issue(pool.splice(0, 1), deadlineIn(2))
    const closing = await issue(pool.splice(0, 1), deadlineIn(4))
    // An overdue sheet supervised three times over: 0.5 + 1 + 2 points in enforcement this month.
    const overdue = await issue(pool.splice(0, 1), deadlineIn(3))
    const past = Date.now() - 3_600_000
    await t.db.kysely.updateTable('rectification_orders').set({ deadline: new Date(past).toISOString(), deadline_ms: past }).where('id', '=', overdue.id).execute()
    for (const round of [2, 3]) {
      const res = await api.request(`/api/rectifications/${overdue.id}/supervise`, { method: 'POST', headers: lina.headers, body: JSON.stringify({ round }) })
      expect(res.status, await res.clone().text()).toBe(201)
    }
    expect((await push(nangang, 'rectification.submit', { orderId: closing.id, afterPhotos: ['a'.repeat(64)], note: '' })).status).toBe(200)
    expect((await push(zhangwei, 'rectification.verify', { orderId: closing.id, result: 'pass' })).status).toBe(200)

    const s = await summary(nangang)
    const ids = s.openSheets.map((o) => o.id)
    expect(ids).toEqual([overdue.id, sooner.id, later.id])
    expect(s.openSheets[0]).toMatchObject({ number: overdue.number, status: 'overdue', findingCount: 1 })
    expect(s.openSheets[2]).toEqual({ id: later.id, number: later.number, status: 'new', deadline: later.deadline, findingCount: 2 })
    const enforcement = s.lines.find((l) => l.line === 'enforcement')!
    const view = await expectSameAsScores(s, nangang, '230103')
    const line = view.result.professional.lines.find((l) => l.line === 'enforcement')!
    expect(line.penaltiesDeducted).toBe(3500)
    expect(enforcement.deducted).toBe(line.itemsDeducted + 3500)
    const penalty = s.topDeductions.find((d) => d.itemCode === 'overdue')
    if (penalty) expect(penalty).toMatchObject({ line: 'enforcement', deducted: 3500, findings: 3, itemName: { zh: '整改逾期' } })
    else expect(s.topDeductions.at(-1)!.deducted).toBeGreaterThanOrEqual(3500)
    // 道里's page knows nothing of 南岗's sheets.
    expect((await summary(daoli, '230102')).openSheets.filter((o) => ids.includes(o.id))).toEqual([])
  })

  it('shows another month on request, and the published result once the month is published', async () => {
    const previous = monthOf(Date.now() - 40 * DAY, 'Asia/Shanghai')
    const before = await summary(nangang, '230103', `?month=${previous}`)
    expect(before).toMatchObject({ month: previous, preliminary: true, source: 'live' })
    await expectSameAsScores(before, nangang, '230103')

    const res = await api.request(`/api/scores/months/${previous}/publish`, { method: 'POST', headers: lina.headers })
    expect(res.status, await res.clone().text()).toBe(201)
    const after = await summary(nangang, '230103', `?month=${previous}`)
    expect(after).toMatchObject({ month: previous, preliminary: false, source: 'frozen' })
    expect(after.note.zh).toContain('已发布')
    await expectSameAsScores(after, nangang, '230103')
  })

  it("refuses another district's page, inspectors and strangers, and names what is wrong", async () => {
    const err = await get<{ error: { code: string; message: string } }>(daoli, '/api/districts/230103/summary', 403)
    expect(err.error.code).toBe('forbidden')
    expect(err.error.message).toMatch(/another district/)
    expect((await get<{ error: { code: string } }>(zhangwei, '/api/districts/230103/summary', 403)).error.code).toBe('forbidden')
    expect((await get<{ error: { code: string } }>(null, '/api/districts/230103/summary', 401)).error.code).toBe('unauthorized')
    expect((await get<{ error: { code: string } }>(lina, '/api/districts/230199/summary', 404)).error.code).toBe('not_found')
    const bad = await get<{ error: { code: string; details: { issues: { field: string }[] } } }>(lina, '/api/districts/230103/summary?month=2026-13', 400)
    expect(bad.error.details.issues[0]!.field).toBe('month')
    expect((await get<{ error: { code: string } }>(lina, '/api/districts/2301/summary', 400)).error.code).toBe('validation_failed')
    // The public list of districts is still there.
    expect((await get<{ districts: unknown[] }>(null, '/api/districts')).districts).toHaveLength(9)
  })
})
