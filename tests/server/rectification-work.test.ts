// The district's and the inspectors' work on sheets through the sync protocol, on every database: start, submit with
// after-photos, re-inspect (pass closes, fail is rework with a new deadline); each applied with its change logged
// (who, when, device, old and new) and announced, or refused with a reason in Chinese and English for the wrong
// district, role or status; replays answered with their first result; and who pulls which sheet.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { RectificationOrder } from '@shared/domain'
import type { MutationResult, PulledRectification, PullResponse, PushResponse } from '@shared/sync/protocol'
import { createApp, type AppEnv } from '../../server/src/app'
import { localBus, type ChangeNotice } from '../../server/src/live/bus'
import { reworkDeadline } from '../../server/src/rectification/workflow'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { hlc } from '../support/fixtures'

const DAY = 86_400_000
const AFTER = ['b'.repeat(64), 'c'.repeat(64)]

function deadlineIn(days: number): string {
  const d = new Date(Date.now() + days * DAY + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 10)}T18:00:00+08:00`
}

const start = (orderId: string) => ({ id: randomUUID(), type: 'rectification.start', hlc: hlc(), payload: { orderId } })
const submit = (orderId: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'rectification.submit',
  hlc: hlc(),
  payload: { orderId, afterPhotos: AFTER, note: '已清理完毕，设置果皮箱两处', ...extra },
})
const verify = (orderId: string, result: 'pass' | 'fail', note = '') => ({
  id: randomUUID(),
  type: 'rectification.verify',
  hlc: hlc(),
  payload: { orderId, result, note, photos: ['d'.repeat(64)] },
})

type Rejected = Extract<MutationResult, { status: 'rejected' }>

describe.each(DIALECTS)('rectification work through sync on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  const notices: ChangeNotice[] = []
  let lina: SignedIn
  let nangang: SignedIn
  let nangang2: SignedIn
  let daoli: SignedIn
  let zhangwei: SignedIn
  let wangqiang: SignedIn
  /** Confirmed 南岗 findings recorded by 张伟, by 王强, and confirmed 道里 findings. */
  let byZhang: string[]
  let byWang: string[]
  let daoliPool: string[]

  beforeAll(async () => {
    t = await testApp(dialect)
    const bus = localBus()
    bus.subscribe((n) => notices.push(n))
    api = createApp({ db: t.db, version: 'test', bus })
    const login = (u: string, device = `device-${u}`) => t.login(u, device)
    ;[lina, nangang, nangang2, daoli, zhangwei, wangqiang] = await Promise.all([
      login('lina'),
      login('nangang'),
      login('nangang', 'device-nangang-phone'),
      login('daoli'),
      login('zhangwei'),
      login('wangqiang'),
    ])
    const pool = async (code: string, inspector?: string) => {
      let q = t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', code).where('status', '=', 'confirmed')
      if (inspector) q = q.where('inspector_id', '=', inspector)
      return (await q.orderBy('id').execute()).map((r) => r.id)
    }
    byZhang = await pool('230103', zhangwei.user.id)
    byWang = await pool('230103', wangqiang.user.id)
    daoliPool = await pool('230102')
    expect(byZhang.length).toBeGreaterThan(10)
    expect(byWang.length).toBeGreaterThan(3)
  })
  afterAll(async () => t?.close())

  async function issue(findingIds: string[], deadline = deadlineIn(5)): Promise<RectificationOrder> {
    const res = await api.request('/api/rectifications', {
      method: 'POST',
      headers: lina.headers,
      body: JSON.stringify({ id: randomUUID(), findingIds, requirements: '立即清理，整改后上传照片。', deadline }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as RectificationOrder
  }

  async function push(who: SignedIn, mutations: unknown[]): Promise<MutationResult[]> {
    const res = await api.request('/api/sync/push', { method: 'POST', headers: who.headers, body: JSON.stringify({ deviceId: who.deviceId, mutations }) })
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as PushResponse).results
  }
  const one = async (who: SignedIn, m: unknown) => (await push(who, [m]))[0]!

  async function rejectedWith(who: SignedIn, m: unknown, code: string): Promise<Rejected> {
    const r = await one(who, m)
    expect(r.status, JSON.stringify(r)).toBe('rejected')
    const rej = r as Rejected
    expect(rej.reason.code).toBe(code)
    // Readable in both languages.
    expect(rej.reason.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(rej.reason.en).toMatch(/[a-z]{3}/)
    return rej
  }

  async function stored(id: string): Promise<RectificationOrder> {
    const res = await api.request(`/api/rectifications/${id}`, { headers: lina.headers })
    return ((await res.json()) as { order: RectificationOrder }).order
  }

  async function logOf(id: string) {
    return t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'rectification').where('entity_id', '=', id).orderBy('seq').execute()
  }

  async function pullAll(who: SignedIn): Promise<PullResponse['changes']> {
    const changes: PullResponse['changes'] = []
    let cursor: string | undefined
    for (;;) {
      const res = await api.request(`/api/sync/pull?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, { headers: who.headers })
      expect(res.status).toBe(200)
      const body = (await res.json()) as PullResponse
      changes.push(...body.changes)
      cursor = body.cursor
      if (!body.more) return changes
    }
  }

  it('lets the district start its sheet, logs who, when, device, old and new, announces it, and answers a replay with the first result', async () => {
    const order = await issue(byZhang.splice(0, 2))
    const m = start(order.id)
    const first = await one(nangang, m)
    expect(first).toEqual({ id: m.id, status: 'applied', entity: { type: 'rectification', id: order.id } })
    expect((await stored(order.id)).status).toBe('in_progress')

    const log = await logOf(order.id)
    expect(log).toHaveLength(2)
    const entry = log[1]!
    expect(entry).toMatchObject({ op: 'upsert', audience: 'district', district_code: '230103', actor_id: nangang.user.id, device_id: nangang.deviceId, mutation_id: m.id })
    expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000)
    expect(JSON.parse(entry.old!)).toEqual({ status: 'new' })
    const data = JSON.parse(entry.data!) as PulledRectification
    expect(data.order).toEqual({ ...order, status: 'in_progress' })
    expect(data.findings.map((f) => f.id)).toEqual(order.findingIds)
    expect(notices).toContainEqual({ entity: 'rectification', id: order.id, op: 'upsert', districtCode: '230103', audience: 'district', ownerId: null })

    // The same mutation again (a retry after a lost answer): its first answer, nothing written twice.
    expect(await one(nangang, m)).toEqual({ id: m.id, status: 'duplicate', first: { status: 'applied', entity: { type: 'rectification', id: order.id } } })
    expect(await logOf(order.id)).toHaveLength(2)
    // Starting a sheet already in hand changes nothing, and says applied.
    expect((await one(nangang2, start(order.id))).status).toBe('applied')
    expect(await logOf(order.id)).toHaveLength(2)
  })

  it('refuses to start or submit another district’s sheet, or for anyone but a district user, and an unknown sheet', async () => {
    const order = await issue(byZhang.splice(0, 1))
    let r = await rejectedWith(daoli, start(order.id), 'other_district')
    expect(r.reason.zh).toContain(order.number)
    expect(r.reason.en).toContain('another district')
    await rejectedWith(daoli, submit(order.id), 'other_district')
    r = await rejectedWith(lina, start(order.id), 'forbidden')
    expect(r.reason.en).toContain('supervisor')
    await rejectedWith(lina, submit(order.id), 'forbidden')
    await rejectedWith(zhangwei, submit(order.id), 'forbidden')
    await rejectedWith(nangang, start(randomUUID()), 'not_found')
    const invalid = await rejectedWith(nangang, submit(order.id, { afterPhotos: [] }), 'invalid')
    expect(invalid.reason.issues?.[0]).toMatchObject({ field: 'payload.afterPhotos', zh: '至少附一张整改后照片' })

    const s = await stored(order.id)
    expect(s.status).toBe('new')
    expect(await logOf(order.id)).toHaveLength(1)
  })

  it('takes the district’s rectification with its after-photos and note, once; re-inspection is the inspectors’ and only of a submitted sheet', async () => {
    const order = await issue(byZhang.splice(0, 2))
    // Not submitted yet: nothing to re-inspect.
    let r = await rejectedWith(zhangwei, verify(order.id, 'pass'), 'bad_status')
    expect(r.reason.zh).toContain('新交办')

    const m = submit(order.id)
    expect((await one(nangang, m)).status).toBe('applied')
    const after = await stored(order.id)
    expect(after).toMatchObject({ status: 'submitted', afterPhotos: AFTER, rectificationNote: '已清理完毕，设置果皮箱两处', overdueRounds: [] })
    const log = (await logOf(order.id)).at(-1)!
    expect(JSON.parse(log.old!)).toEqual({ status: 'new', afterPhotos: [], rectificationNote: '' })
    expect(log).toMatchObject({ actor_id: nangang.user.id, device_id: nangang.deviceId, mutation_id: m.id })

    r = await rejectedWith(nangang2, submit(order.id), 'bad_status')
    expect(r.reason.en).toContain('awaiting re-inspection')
    await rejectedWith(nangang, start(order.id), 'bad_status')
    // Only inspectors re-inspect: not the district, not the bureau.
    await rejectedWith(nangang, verify(order.id, 'pass'), 'forbidden')
    r = await rejectedWith(lina, verify(order.id, 'pass'), 'forbidden')
    expect(r.reason.zh).toContain('考核员')
    const noNote = await rejectedWith(zhangwei, verify(order.id, 'fail'), 'invalid')
    expect(noNote.reason.issues?.[0]?.field).toBe('payload.note')
    expect((await stored(order.id)).status).toBe('submitted')
  })

  it('reopens a failed re-inspection as rework with a new deadline, and closes a passed one', async () => {
    const order = await issue(byZhang.splice(0, 2), deadlineIn(4))
    await one(nangang, start(order.id))
    await one(nangang, submit(order.id))

    const fail = verify(order.id, 'fail', '仍有积存垃圾未清理')
    const before = Date.now()
    expect((await one(zhangwei, fail)).status).toBe('applied')
    const reopened = await stored(order.id)
    expect(reopened.status).toBe('in_progress')
    expect(reopened.reworkCount).toBe(1)
    expect(reopened.verification).toMatchObject({ result: 'fail', inspectorId: zhangwei.user.id, note: '仍有积存垃圾未清理', photos: ['d'.repeat(64)] })
    const at = Date.parse(reopened.verification!.at)
    expect(at).toBeGreaterThanOrEqual(before - 1000)
    // As much time again as the sheet had at first, counted from the re-inspection, to the minute, in Harbin's offset.
    expect(reopened.deadline).toBe(reworkDeadline(order, at, 'Asia/Shanghai'))
    expect(reopened.deadline).toMatch(/\+08:00$/)
    const span = Date.parse(order.deadline) - Date.parse(order.issuedAt)
    expect(Date.parse(reopened.deadline) - at).toBeGreaterThanOrEqual(span)
    expect(Date.parse(reopened.deadline) - at).toBeLessThan(span + 60_000)
    const log = (await logOf(order.id)).at(-1)!
    expect(log).toMatchObject({ actor_id: zhangwei.user.id, device_id: zhangwei.deviceId, mutation_id: fail.id })
    expect(JSON.parse(log.old!)).toMatchObject({ status: 'submitted', reworkCount: 0, deadline: order.deadline, verification: null })

    // Reworked and submitted again, then passed: closed, and nothing more to do on it.
    await one(nangang, submit(order.id, { afterPhotos: ['e'.repeat(64)], note: '已全部清理' }))
    const pass = verify(order.id, 'pass')
    expect((await one(wangqiang, pass)).status).toBe('applied')
    const closed = await stored(order.id)
    expect(closed).toMatchObject({ status: 'closed', reworkCount: 1, afterPhotos: ['e'.repeat(64)], verification: { result: 'pass', inspectorId: wangqiang.user.id } })
    expect(await one(wangqiang, pass)).toEqual({ id: pass.id, status: 'duplicate', first: { status: 'applied', entity: { type: 'rectification', id: order.id } } })
    await rejectedWith(zhangwei, verify(order.id, 'fail', '再查'), 'bad_status')
    const r = await rejectedWith(nangang, submit(order.id), 'bad_status')
    expect(r.reason.zh).toContain('已办结')

    // The district heard of each verdict (and of the sheet) through its WeCom queue.
    const kinds = await t.db.kysely.selectFrom('notifications').select(['kind', 'dedupe_key']).where('dedupe_key', 'like', `%${order.id}%`).orderBy('created_ms').execute()
    expect(kinds.map((k) => k.kind).sort()).toEqual(['sheet_issued', 'verified', 'verified'])
  })

  it('counts a deadline that passed before the district submitted, even when no job has run', async () => {
    const order = await issue(byZhang.splice(0, 1))
    // The deadline passed three hours ago while the server's job was down.
    const past = new Date(Date.now() - 3 * 3_600_000)
    const deadline = past.toISOString()
    await t.db.kysely.updateTable('rectification_orders').set({ deadline, deadline_ms: past.getTime() }).where('id', '=', order.id).execute()
    expect((await one(nangang, submit(order.id))).status).toBe('applied')
    const s = await stored(order.id)
    expect(s.status).toBe('submitted')
    expect(s.overdueRounds).toEqual([{ round: 1, at: deadline }])
    const queued = await t.db.kysely.selectFrom('notifications').select('kind').where('dedupe_key', 'like', `%${order.id}%`).execute()
    expect(queued.map((q) => q.kind).sort()).toEqual(['overdue', 'sheet_issued'])
  })

  it('applies one of two submissions of the same sheet from two devices at once', async () => {
    const order = await issue(byZhang.splice(0, 1))
    const [a, b] = await Promise.all([one(nangang, submit(order.id, { note: '手机提交' })), one(nangang2, submit(order.id, { note: '电脑提交' }))])
    expect([a.status, b.status].sort()).toEqual(['applied', 'rejected'])
    const s = await stored(order.id)
    expect(s.rectificationNote).toBe(a.status === 'applied' ? '手机提交' : '电脑提交')
    expect((await logOf(order.id)).filter((l) => l.mutation_id)).toHaveLength(1)
  })

  it('lets a district pull its own sheets and an inspector the sheets of their findings; nobody else pulls them', async () => {
    const zhangs = await issue(byZhang.splice(0, 2))
    const wangs = await issue(byWang.splice(0, 2))
    const mixed = await issue([byZhang.shift()!, byWang.shift()!])
    const daolis = await issue(daoliPool.splice(0, 2))
    await one(nangang, start(wangs.id))
    await one(nangang, submit(wangs.id))

    const sheetsOf = async (who: SignedIn) => {
      const changes = (await pullAll(who)).filter((c) => c.entity === 'rectification')
      const latest = new Map<string, PulledRectification>()
      for (const c of changes) latest.set(c.id, c.data as PulledRectification)
      return latest
    }
    const mine = [zhangs.id, wangs.id, mixed.id, daolis.id]
    const all = await t.db.kysely.selectFrom('rectification_orders').select(['id', 'district_code']).execute()
    const nangangs = new Set(all.filter((o) => o.district_code === '230103').map((o) => o.id))

    const district = await sheetsOf(nangang)
    expect(new Set(district.keys())).toEqual(nangangs)
    expect(district.has(daolis.id)).toBe(false)
    // The last change pulled is the sheet as it is now: 王强's re-inspection task.
    expect(district.get(wangs.id)!.order.status).toBe('submitted')
    expect(district.get(wangs.id)!.districtName.zh).toBe('南岗区')

    const other = await sheetsOf(daoli)
    expect([...other.keys()].filter((id) => mine.includes(id))).toEqual([daolis.id])
    expect([...other.values()].every((p) => p.order.districtCode === '230102')).toBe(true)

    // Each inspector: exactly the sheets with a finding they recorded.
    const coveredBy = async (inspector: string) =>
      new Set(
        (
          await t.db.kysely
            .selectFrom('rectification_findings as rf')
            .innerJoin('findings as f', 'f.id', 'rf.finding_id')
            .select('rf.order_id')
            .where('f.inspector_id', '=', inspector)
            .execute()
        ).map((r) => r.order_id),
      )
    const zhang = await sheetsOf(zhangwei)
    expect(new Set(zhang.keys())).toEqual(await coveredBy(zhangwei.user.id))
    expect(zhang.has(zhangs.id) && zhang.has(mixed.id)).toBe(true)
    expect(zhang.has(wangs.id)).toBe(false)
    const wang = await sheetsOf(wangqiang)
    expect(new Set(wang.keys())).toEqual(await coveredBy(wangqiang.user.id))
    expect(wang.has(wangs.id) && wang.has(mixed.id)).toBe(true)
    expect(wang.has(zhangs.id)).toBe(false)
    expect(wang.get(wangs.id)!.order.status).toBe('submitted')
    // A pulled sheet carries its findings for offline use.
    expect(wang.get(mixed.id)!.findings.map((f) => f.inspectorId).sort()).toEqual([zhangwei.user.id, wangqiang.user.id].sort())

    // The bureau pulls every sheet.
    expect(new Set((await sheetsOf(lina)).keys())).toEqual(new Set(all.map((o) => o.id)))
  })
})
