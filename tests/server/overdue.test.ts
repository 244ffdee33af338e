// Overdue rules on every database (DESIGN.md §3): the scheduled job counts a missed deadline once however often and
// from however many processes it runs, catches up after downtime with each round in the month its deadline passed,
// reminds a district of a near deadline once per deadline; a supervisor's further round doubles the penalty; the
// month's score moves by exactly each penalty, and a granted appeal takes exactly its finding's deduction out.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { Line, RectificationOrder } from '@shared/domain'
import type { LineResult } from '@shared/scoring'
import type { MutationResult, PushResponse } from '@shared/sync/protocol'
import { monthOf } from '@shared/time'
import { createApp, type AppEnv } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import { runDeadlinePass } from '../../server/src/jobs/deadlines'
import { startJobs } from '../../server/src/jobs/scheduler'
import { localBus, type ChangeNotice, type LiveBus } from '../../server/src/live/bus'
import type { DistrictView } from '../../server/src/scores/district-view'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { hlc } from '../support/fixtures'

const ZONE = 'Asia/Shanghai'
const HOUR = 3_600_000
const DAY = 24 * HOUR

function deadlineIn(days: number): string {
  const d = new Date(Date.now() + days * DAY + 8 * HOUR)
  return `${d.toISOString().slice(0, 10)}T18:00:00+08:00`
}

describe.each(DIALECTS)('overdue sheets on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  let bus: LiveBus
  const notices: ChangeNotice[] = []
  let lina: SignedIn
  let admin: SignedIn
  let nangang: SignedIn
  let zhangwei: SignedIn
  /** Confirmed 南岗 findings of one line each, not on a sheet. */
  const pool = new Map<Line, string[]>()

  beforeAll(async () => {
    t = await testApp(dialect)
    bus = localBus()
    bus.subscribe((n) => notices.push(n))
    api = createApp({ db: t.db, version: 'test', bus })
    ;[lina, admin, nangang, zhangwei] = await Promise.all([t.login('lina'), t.login('admin'), t.login('nangang'), t.login('zhangwei')])
    const rows = await t.db.kysely
      .selectFrom('findings')
      .select(['id', 'line'])
      .where('district_code', '=', '230103')
      .where('status', '=', 'confirmed')
      .orderBy('id')
      .execute()
    for (const r of rows) pool.set(r.line as Line, [...(pool.get(r.line as Line) ?? []), r.id])
    expect(pool.get('sanitation')!.length).toBeGreaterThan(10)
  })
  afterAll(async () => t?.close())

  async function issue(line: Line, deadline: string, n = 1): Promise<RectificationOrder> {
    const findingIds = pool.get(line)!.splice(0, n)
    const res = await api.request('/api/rectifications', {
      method: 'POST',
      headers: lina.headers,
      body: JSON.stringify({ id: randomUUID(), findingIds, requirements: '按期整改。', deadline }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as RectificationOrder
  }
  const stored = async (id: string) =>
    ((await (await api.request(`/api/rectifications/${id}`, { headers: lina.headers })).json()) as { order: RectificationOrder }).order
  /** Moves a sheet's deadline, as if it had been set so when issued. */
  async function setDeadline(id: string, ms: number): Promise<string> {
    const deadline = new Date(ms).toISOString()
    await t.db.kysely.updateTable('rectification_orders').set({ deadline, deadline_ms: ms }).where('id', '=', id).execute()
    return deadline
  }
  async function line(month: string, l: Line): Promise<LineResult> {
    const res = await api.request(`/api/scores/months/${month}/districts/230103?mode=preliminary`, { headers: lina.headers })
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as DistrictView).result.professional.lines.find((x) => x.line === l)!
  }
  const penaltiesOf = (l: LineResult, orderId: string) => l.penalties.filter((p) => p.orderId === orderId)
  const queued = async (orderId: string, kind: string) =>
    (await t.db.kysely.selectFrom('notifications').select('dedupe_key').where('kind', '=', kind).where('dedupe_key', 'like', `%${orderId}%`).execute()).length
  const supervise = (who: SignedIn, id: string, body?: unknown) =>
    api.request(`/api/rectifications/${id}/supervise`, { method: 'POST', headers: who.headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  async function push(who: SignedIn, type: string, payload: unknown): Promise<MutationResult> {
    const res = await api.request('/api/sync/push', {
      method: 'POST',
      headers: who.headers,
      body: JSON.stringify({ deviceId: who.deviceId, mutations: [{ id: randomUUID(), type, hlc: hlc(), payload }] }),
    })
    return ((await res.json()) as PushResponse).results[0]!
  }

  it('counts a missed deadline once however often the job runs, also from two processes at once, and moves the score by exactly the penalty', async () => {
    const order = await issue('landscaping', deadlineIn(3))
    const deadline = Date.parse(order.deadline)
    const month = monthOf(deadline, ZONE)
    const before = await line(month, 'landscaping')

    expect((await runDeadlinePass(t.db, deadline - 1)).overdue).not.toContain(order.id)
    expect((await stored(order.id)).overdueRounds).toEqual([])

    // Two server processes (two connection pools) on PostgreSQL; one process running twice on SQLite, whose
    // writers are one process by design.
    const other: Db = dialect === 'postgres' ? t.tdb.open() : t.db
    try {
      const passes = await Promise.all([runDeadlinePass(t.db, deadline + HOUR), runDeadlinePass(other, deadline + HOUR), runDeadlinePass(other, deadline + 2 * HOUR)])
      expect(passes.flatMap((p) => p.overdue).filter((id) => id === order.id)).toEqual([order.id])
      expect(passes.flatMap((p) => p.failed)).toEqual([])
    } finally {
      if (other !== t.db) await other.close()
    }
    expect((await runDeadlinePass(t.db, deadline + 5 * DAY)).overdue).not.toContain(order.id)

    const s = await stored(order.id)
    expect(s.status).toBe('overdue')
    // Dated at the deadline, not when the job noticed it.
    expect(s.overdueRounds).toEqual([{ round: 1, at: order.deadline }])
    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity_id', '=', order.id).orderBy('seq').execute()
    expect(log).toHaveLength(2)
    expect(log[1]).toMatchObject({ entity: 'rectification', audience: 'district', district_code: '230103', actor_id: null })
    expect(JSON.parse(log[1]!.old!)).toEqual({ status: 'new', overdueRounds: [] })
    expect(await queued(order.id, 'overdue')).toBe(1)

    const after = await line(month, 'landscaping')
    expect(penaltiesOf(after, order.id)).toEqual([{ orderId: order.id, round: 1, at: order.deadline, amount: 500 }])
    expect(after.penaltiesDeducted - before.penaltiesDeducted).toBe(500)
    expect(after.itemsDeducted).toBe(before.itemsDeducted)
    expect(before.score - after.score).toBe(500)
  })

  it('catches up at start on every deadline that passed while it was down, each in the month its deadline passed', async () => {
    // One deadline in a coming month, one sooner; the server comes back long after both.
    const soonDeadline = deadlineIn(2)
    const nextMonthDay = new Date(Date.parse(`${monthOf(Date.now() + 35 * DAY, ZONE)}-02T18:00:00+08:00`))
    const later = await issue('roads', nextMonthDay.toISOString().replace('.000Z', 'Z'))
    const soon = await issue('roads', soonDeadline)
    const laterMonth = monthOf(Date.parse(later.deadline), ZONE)
    const soonMonth = monthOf(Date.parse(soon.deadline), ZONE)
    expect(laterMonth).not.toBe(soonMonth)
    const beforeLater = await line(laterMonth, 'roads')
    const beforeSoon = await line(soonMonth, 'roads')
    const seen = notices.length

    const back = Date.parse(later.deadline) + 20 * DAY
    const jobs = startJobs(t.db, { intervalMs: HOUR, bus, now: () => back })
    try {
      // Queued behind the pass that ran at start, which has done the work already.
      const second = await jobs.runNow()
      expect(second.overdue.filter((id) => id === later.id || id === soon.id)).toEqual([])
    } finally {
      await jobs.stop()
    }
    for (const o of [later, soon]) {
      const s = await stored(o.id)
      expect(s.status).toBe('overdue')
      expect(s.overdueRounds).toEqual([{ round: 1, at: o.deadline }])
    }
    // Announced on the bus like every other write.
    expect(notices.slice(seen).filter((n) => n.entity === 'rectification').map((n) => n.id)).toEqual(expect.arrayContaining([later.id, soon.id]))

    const afterLater = await line(laterMonth, 'roads')
    const afterSoon = await line(soonMonth, 'roads')
    expect(penaltiesOf(afterLater, later.id).map((p) => p.amount)).toEqual([500])
    expect(penaltiesOf(afterLater, soon.id)).toEqual([])
    expect(penaltiesOf(afterSoon, soon.id).map((p) => p.amount)).toEqual([500])
    expect(beforeLater.score - afterLater.score).toBe(500)
    expect(beforeSoon.score - afterSoon.score).toBe(500)
  })

  it('supervises an overdue sheet again with the penalty doubled each round, once per request, for the bureau only', async () => {
    const order = await issue('appearance', deadlineIn(3))
    const deadline = await setDeadline(order.id, Date.now() - 2 * HOUR)
    const month = monthOf(Date.now(), ZONE)
    const before = await line(month, 'appearance')

    // Not overdue yet in storage (no job has run): supervising counts the missed deadline first.
    let res = await supervise(lina, order.id)
    expect(res.status, await res.clone().text()).toBe(201)
    let s = (await res.json()) as RectificationOrder
    expect(s.status).toBe('overdue')
    expect(s.overdueRounds.map((r) => r.round)).toEqual([1, 2])
    expect(s.overdueRounds[0]!.at).toBe(deadline)
    expect(Math.abs(Date.parse(s.overdueRounds[1]!.at) - Date.now())).toBeLessThan(60_000)
    const log = (await t.db.kysely.selectFrom('change_log').selectAll().where('entity_id', '=', order.id).orderBy('seq').execute()).at(-1)!
    expect(log).toMatchObject({ actor_id: lina.user.id, device_id: lina.deviceId })
    expect(notices.filter((n) => n.id === order.id).length).toBeGreaterThanOrEqual(2)

    // The same request again adds nothing; the next round is meant explicitly.
    res = await supervise(lina, order.id, { round: 2 })
    expect(res.status).toBe(200)
    expect(((await res.json()) as RectificationOrder).overdueRounds).toHaveLength(2)
    res = await supervise(admin, order.id, { round: 9 })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('round_mismatch')
    res = await supervise(admin, order.id, { round: 3 })
    expect(res.status).toBe(201)
    s = (await res.json()) as RectificationOrder
    expect(s.overdueRounds.map((r) => r.round)).toEqual([1, 2, 3])
    expect(await queued(order.id, 'overdue')).toBe(3)

    // 0.5, then 1, then 2 points: each round twice the one before.
    const after = await line(month, 'appearance')
    expect(penaltiesOf(after, order.id).map((p) => [p.round, p.amount])).toEqual([[1, 500], [2, 1000], [3, 2000]])
    expect(after.penaltiesDeducted - before.penaltiesDeducted).toBe(3500)
    expect(before.score - after.score).toBe(Math.min(3500, before.score))

    // Only the bureau supervises; only a sheet still overdue.
    expect((await supervise(nangang, order.id)).status).toBe(403)
    expect((await supervise(zhangwei, order.id)).status).toBe(403)
    expect((await supervise(lina, randomUUID())).status).toBe(404)
    expect((await supervise(lina, 'nope')).status).toBe(400)
    expect((await supervise(lina, order.id, { round: 'two' })).status).toBe(400)
    const fresh = await issue('appearance', deadlineIn(3))
    res = await supervise(lina, fresh.id)
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('not_overdue')
    // Once the district submits, the sheet is no longer overdue.
    expect((await push(nangang, 'rectification.submit', { orderId: order.id, afterPhotos: ['f'.repeat(64)], note: '' })).status).toBe('applied')
    expect((await supervise(lina, order.id)).status).toBe(409)
    expect((await stored(order.id)).overdueRounds).toHaveLength(3)
  })

  it('reminds the district once of a deadline less than a day away, also with two processes at once, and again of a rework deadline', async () => {
    const order = await issue('sanitation', deadlineIn(3))
    const deadline = Date.parse(order.deadline)
    expect((await runDeadlinePass(t.db, deadline - 30 * HOUR)).reminded).not.toContain(order.id)
    const other: Db = dialect === 'postgres' ? t.tdb.open() : t.db
    try {
      const passes = await Promise.all([runDeadlinePass(t.db, deadline - 10 * HOUR), runDeadlinePass(other, deadline - 10 * HOUR)])
      expect(passes.flatMap((p) => p.reminded).filter((id) => id === order.id)).toEqual([order.id])
    } finally {
      if (other !== t.db) await other.close()
    }
    expect((await runDeadlinePass(t.db, deadline - 5 * HOUR)).reminded).not.toContain(order.id)
    expect(await queued(order.id, 'deadline_near')).toBe(1)

    // Submitted, failed, reopened with a new deadline: that one is reminded of too.
    expect((await push(nangang, 'rectification.submit', { orderId: order.id, afterPhotos: ['f'.repeat(64)], note: '' })).status).toBe('applied')
    expect((await runDeadlinePass(t.db, deadline - 2 * HOUR)).reminded).not.toContain(order.id)
    expect((await push(zhangwei, 'rectification.verify', { orderId: order.id, result: 'fail', note: '未清理干净' })).status).toBe('applied')
    const reopened = await stored(order.id)
    const next = Date.parse(reopened.deadline)
    expect(next).toBeGreaterThan(deadline)
    expect((await runDeadlinePass(t.db, next - 3 * HOUR)).reminded).toContain(order.id)
    expect((await runDeadlinePass(t.db, next - 2 * HOUR)).reminded).not.toContain(order.id)
    expect(await queued(order.id, 'deadline_near')).toBe(2)
    // A rework deadline missed continues the rounds.
    expect((await runDeadlinePass(t.db, next + HOUR)).overdue).toContain(order.id)
    expect((await stored(order.id)).overdueRounds).toEqual([{ round: 1, at: reopened.deadline }])
  })

  it('takes a granted appeal’s finding out of the score by exactly its deduction; a pending one changes nothing', async () => {
    const month = monthOf(Date.now(), ZONE)
    const before = await line(month, 'sanitation')
    // A finding whose item's cap does not bite, so that its whole deduction counts.
    const item = before.items.find((i) => !i.capBit && i.counted > 0)!
    const findingId = item.findingIds[0]!
    const f = await t.db.kysely.selectFrom('findings').select(['deduction', 'month']).where('id', '=', findingId).executeTakeFirstOrThrow()
    const appeal = (status: string) => ({
      id: randomUUID(),
      finding_id: findingId,
      district_code: '230103',
      month: f.month,
      reason: '该处不属于本区责任范围',
      photos: '[]',
      filed_by: nangang.user.id,
      filed_at: new Date().toISOString(),
      status,
      decision: null,
      updated_at: new Date().toISOString(),
    })
    await t.db.kysely.insertInto('appeals').values(appeal('pending')).execute()
    expect(await line(month, 'sanitation')).toEqual(before)

    await t.db.kysely.insertInto('appeals').values(appeal('granted')).execute()
    const after = await line(month, 'sanitation')
    expect(before.itemsDeducted - after.itemsDeducted).toBe(f.deduction)
    expect(after.score - before.score).toBe(f.deduction)
    expect(after.items.flatMap((i) => i.findingIds)).not.toContain(findingId)
  })
})
