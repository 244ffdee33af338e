// WeCom notifications on every database, against a local receiver: each district's messages in order, retried
// with backoff then failed and retried by an administrator, held to 20 a minute (an injected clock stands in for
// the minute), queued once per event, waiting for a robot where there is none, a slow robot holding up only its
// own district, two senders on one database sending each message once; the robot key never in an answer, and the
// routes for administrators only.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../server/src/db/database'
import { queueNotice, startNotifier, type DistrictNotice, type NotifierOptions } from '../../server/src/notify'
import { NO_ROBOT } from '../../server/src/notify/admin'
import { NotificationItem, NotificationList } from '../../server/src/openapi/district-work'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { startWecomReceiver, type WecomReceiver } from '../support/wecom-receiver'

const NANGANG = '230103'
const DAOLI = '230102'
const KEY_N = 'nangang-robot-key-0001'
const KEY_D = 'daoli-robot-key-0002'

interface Item {
  id: string
  districtCode: string
  kind: string
  status: string
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
}
interface Listing {
  hooks: { districtCode: string; districtName: { zh: string; en: string }; configured: boolean }[]
  items: Item[]
}

describe.each(DIALECTS)('WeCom notifications on %s', (dialect) => {
  let t: TestApp
  let rx: WecomReceiver
  let admin: SignedIn
  let lina: SignedIn
  let nangang: SignedIn
  /** Sheets issued for each district. */
  const sheets: Record<string, { id: string; number: string }[]> = { [NANGANG]: [], [DAOLI]: [] }
  /** Every answer any route gave in this file, to look for the key in. */
  const answers: string[] = []
  const clock = { t: Date.now() }

  const call = async (who: SignedIn | null, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(`/api/notifications${path}`, { method, headers: who?.headers ?? {}, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    answers.push(await res.clone().text())
    return res
  }
  const list = async (query = '') => {
    const res = await call(admin, 'GET', query)
    expect(res.status).toBe(200)
    return (await res.json()) as Listing
  }
  const setHook = async (code: string, key: string) => expect((await call(admin, 'PUT', `/hooks/${code}`, { key })).status).toBe(200)
  const queue = (n: DistrictNotice, db: Db = t.db) => db.kysely.transaction().execute((tx) => queueNotice(tx, n, clock.t))
  const notifier = (opts: Partial<NotifierOptions> = {}, db: Db = t.db) =>
    startNotifier(db, { wecomUrl: rx.url, loop: false, now: () => clock.t, baseDelayMs: 1000, maxAttempts: 4, ...opts })
  const rows = () => t.db.kysely.selectFrom('notifications').selectAll().orderBy('created_ms').orderBy('id').execute()
  /** Round n of a sheet's supervision: a distinct event per round, so many messages from few sheets. */
  const overdue = (code: string, round: number, sheet = 0): DistrictNotice => ({ kind: 'overdue', orderId: sheets[code]![sheet]!.id, round })

  beforeAll(async () => {
    t = await testApp(dialect)
    rx = await startWecomReceiver()
    admin = await t.login('admin')
    lina = await t.login('lina')
    nangang = await t.login('nangang')
    for (const code of [NANGANG, DAOLI]) {
      const ids = (await t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', code).where('status', '=', 'confirmed').orderBy('id').limit(6).execute()).map((r) => r.id)
      for (let i = 0; i < 3; i++) {
        const deadline = new Date(Date.now() + (3 + i) * 86_400_000).toISOString()
        const res = await t.app.request('/api/rectifications', {
          method: 'POST',
          headers: lina.headers,
          body: JSON.stringify({ id: randomUUID(), findingIds: ids.slice(2 * i, 2 * i + 2), requirements: `清理暴露垃圾 <第${i + 1}批>`, deadline }),
        })
        expect(res.status, await res.clone().text()).toBe(201)
        sheets[code]!.push((await res.json()) as { id: string; number: string })
      }
    }
  })
  afterAll(async () => {
    await rx?.close()
    await t?.close()
  })
  beforeEach(async () => {
    await t.db.kysely.deleteFrom('notifications').execute()
    await t.db.kysely.deleteFrom('district_webhooks').execute()
    rx.reset()
    clock.t = Date.now()
  })

  it('lets only administrators set, list, remove robots and retry; never answers with the key', async () => {
    for (const who of [lina, nangang]) {
      expect((await call(who, 'GET', '')).status).toBe(403)
      expect((await call(who, 'PUT', `/hooks/${NANGANG}`, { key: KEY_N })).status).toBe(403)
      expect((await call(who, 'DELETE', `/hooks/${NANGANG}`)).status).toBe(403)
      expect((await call(who, 'POST', `/${randomUUID()}/retry`)).status).toBe(403)
    }
    expect((await call(null, 'GET', '')).status).toBe(401)

    const put = await call(admin, 'PUT', `/hooks/${NANGANG}`, { key: KEY_N })
    expect(await put.json()).toEqual({ districtCode: NANGANG, configured: true })
    // The whole webhook URL, as WeCom shows it, is accepted too.
    const url = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY_D}`
    expect(await (await call(admin, 'PUT', `/hooks/${DAOLI}`, { key: url })).json()).toEqual({ districtCode: DAOLI, configured: true })
    const stored = await t.db.kysely.selectFrom('district_webhooks').select(['district_code', 'robot_key', 'updated_by']).orderBy('district_code').execute()
    expect(stored).toEqual([
      { district_code: DAOLI, robot_key: KEY_D, updated_by: admin.user.id },
      { district_code: NANGANG, robot_key: KEY_N, updated_by: admin.user.id },
    ])

    const bad = await call(admin, 'PUT', `/hooks/${NANGANG}`, { key: 'has spaces in it' })
    expect(bad.status).toBe(400)
    expect((await call(admin, 'PUT', '/hooks/999999', { key: KEY_N })).status).toBe(404)
    expect((await call(admin, 'PUT', '/hooks/12', { key: KEY_N })).status).toBe(400)

    await queue({ kind: 'sheet_issued', orderId: sheets[NANGANG]![0]!.id })
    const listing = await list()
    // As the reference describes it.
    expect(NotificationList.safeParse(listing).error).toBeUndefined()
    expect(listing.hooks).toHaveLength(9)
    expect(listing.hooks.find((h) => h.districtCode === NANGANG)).toMatchObject({ configured: true, districtName: { zh: '南岗区' } })
    expect(listing.hooks.find((h) => h.districtCode === '230104')).toMatchObject({ configured: false })
    expect(listing.items).toHaveLength(1)
    expect(listing.items[0]).toMatchObject({ districtCode: NANGANG, kind: 'sheet_issued', status: 'queued', attempts: 0, lastError: null, sentAt: null })

    expect(await (await call(admin, 'DELETE', `/hooks/${DAOLI}`)).json()).toEqual({ districtCode: DAOLI, configured: false })
    expect((await list()).hooks.find((h) => h.districtCode === DAOLI)!.configured).toBe(false)
    expect((await call(admin, 'POST', `/${listing.items[0]!.id}/retry`)).status).toBe(409)
    expect((await call(admin, 'POST', `/${randomUUID()}/retry`)).status).toBe(404)

    expect(answers.length).toBeGreaterThan(15)
    for (const text of answers) {
      expect(text).not.toContain(KEY_N)
      expect(text).not.toContain(KEY_D)
    }
  })

  it('queues one message per event, in the format of the robot, whatever runs twice', async () => {
    const sheet = sheets[NANGANG]![0]!
    await queue({ kind: 'sheet_issued', orderId: sheet.id })
    await queue({ kind: 'sheet_issued', orderId: sheet.id })
    await queue({ kind: 'deadline_near', orderId: sheet.id })
    await queue({ kind: 'overdue', orderId: sheet.id, round: 1 })
    await queue({ kind: 'overdue', orderId: sheet.id, round: 1 })
    await queue({ kind: 'overdue', orderId: sheet.id, round: 2 })
    await queue({ kind: 'verified', orderId: sheet.id, result: 'pass' })
    await queue({ kind: 'verified', orderId: sheet.id, result: 'pass' })
    // A sheet that does not exist queues nothing and fails nothing.
    await queue({ kind: 'sheet_issued', orderId: randomUUID() })
    const all = await rows()
    expect(all.map((r) => r.dedupe_key)).toEqual([
      `sheet_issued:${sheet.id}`,
      `deadline_near:${sheet.id}:rework0`,
      `overdue:${sheet.id}:rework0:round1`,
      `overdue:${sheet.id}:rework0:round2`,
      `verified:${sheet.id}:rework0:pass`,
    ])
    const [issued, near, round1, round2, pass] = all.map((r) => r.markdown)
    expect(issued).toContain(`**新问题交办单** <font color="warning">${sheet.number}</font>`)
    expect(issued).toContain('> 责任区：南岗区')
    expect(issued).toContain('> 问题：2 条')
    // User text cannot inject markup into the group's message.
    expect(issued).toContain('清理暴露垃圾 ＜第1批＞')
    expect(near).toContain('整改期限临近')
    expect(round1).toContain('第 1 轮')
    expect(round1).toContain('<font color="warning">0.500 分</font>')
    expect(round2).toContain('<font color="warning">1.000 分</font>')
    expect(pass).toContain('<font color="info">合格</font>')
    for (const m of all) expect(Buffer.byteLength(m.markdown)).toBeLessThanOrEqual(4096)
    await expect(queue({ kind: 'overdue', orderId: sheet.id, round: 0 })).rejects.toThrow(/round/)
  })

  it("sends each district's messages in order to its robot as markdown", async () => {
    await setHook(NANGANG, KEY_N)
    await setHook(DAOLI, KEY_D)
    for (let round = 1; round <= 4; round++) {
      await queue(overdue(NANGANG, round))
      await queue(overdue(DAOLI, round))
      clock.t += 10
    }
    await notifier().runOnce()
    for (const [code, key] of [[NANGANG, KEY_N], [DAOLI, KEY_D]] as const) {
      const got = rx.delivered(key)
      expect(got.map((r) => /第 (\d+) 轮/.exec(r.content)![1])).toEqual(['1', '2', '3', '4'])
      expect(got[0]!.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining(sheets[code]![0]!.number) } })
    }
    const items = (await list()).items
    expect(items.every((i) => i.status === 'sent' && i.attempts === 1 && i.sentAt !== null)).toBe(true)
  })

  it('retries with exponential backoff after HTTP errors and WeCom error codes, keeping the order', async () => {
    await setHook(NANGANG, KEY_N)
    rx.behave({ kind: 'http', status: 500 }, { key: KEY_N, times: 1 })
    await queue(overdue(NANGANG, 1))
    clock.t += 1
    await queue(overdue(NANGANG, 2))
    const n = notifier()
    await n.runOnce()
    let [first, second] = await rows()
    expect(first).toMatchObject({ status: 'queued', attempts: 1, last_error: 'HTTP 500' })
    // The second waits behind the first.
    expect(second).toMatchObject({ status: 'queued', attempts: 0 })
    expect(Number(first!.next_attempt_ms)).toBe(clock.t + 1000)

    rx.behave({ kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit' }, { key: KEY_N, times: 1 })
    clock.t += 999
    await n.runOnce()
    expect(rx.requests).toHaveLength(1)
    clock.t += 1
    await n.runOnce()
    ;[first] = await rows()
    expect(first).toMatchObject({ status: 'queued', attempts: 2, last_error: 'errcode 45009: api freq out of limit' })
    expect(Number(first!.next_attempt_ms)).toBe(clock.t + 2000)

    clock.t += 1999
    await n.runOnce()
    expect(rx.requests).toHaveLength(2)
    clock.t += 1
    await n.runOnce()
    expect(rx.requests.map((r) => r.outcome)).toEqual(['http 500', 'errcode 45009', 'ok', 'ok'])
    expect(rx.delivered().map((r) => /第 (\d+) 轮/.exec(r.content)![1])).toEqual(['1', '2'])
    ;[first, second] = await rows()
    expect(first).toMatchObject({ status: 'sent', attempts: 3, last_error: null })
    expect(second).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it("marks a message failed after the last attempt, shows it to administrators, and sends it again when they retry", async () => {
    await setHook(NANGANG, KEY_N)
    rx.behave({ kind: 'http', status: 502 }, { key: KEY_N })
    await queue(overdue(NANGANG, 1))
    clock.t += 1
    await queue(overdue(NANGANG, 2))
    const n = notifier({ maxAttempts: 3 })
    for (const wait of [0, 1000, 2000]) {
      clock.t += wait
      await n.runOnce()
    }
    expect(rx.requests.map((r) => r.outcome)).toEqual(['http 502', 'http 502', 'http 502', 'http 502'])
    // After its third failure the first is given up, and the second gets its turn (and fails once).
    const items = (await list('?status=failed')).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 502', sentAt: null })
    expect(rx.requests[3]!.content).toContain('第 2 轮')

    rx.behave({ kind: 'ok' }, { key: KEY_N })
    const retried = await call(admin, 'POST', `/${items[0]!.id}/retry`)
    expect(retried.status).toBe(200)
    expect(NotificationItem.safeParse(await retried.clone().json()).error).toBeUndefined()
    expect(await retried.json()).toMatchObject({ id: items[0]!.id, status: 'queued', attempts: 0, lastError: null })
    clock.t += 1000
    await n.runOnce()
    const after = (await list()).items
    expect(after.map((i) => i.status)).toEqual(['sent', 'sent'])
    // The retried one is the oldest, so it goes first.
    expect(rx.delivered().map((r) => /第 (\d+) 轮/.exec(r.content)![1])).toEqual(['1', '2'])
  })

  it('holds each robot to 20 messages a minute', async () => {
    await setHook(NANGANG, KEY_N)
    await setHook(DAOLI, KEY_D)
    for (let i = 0; i < 25; i++) {
      await queue(overdue(NANGANG, (i % 10) + 1, Math.floor(i / 10)))
      clock.t += 1
    }
    await queue(overdue(DAOLI, 1))
    const start = clock.t
    const n = notifier()
    await n.runOnce()
    expect(rx.delivered(KEY_N)).toHaveLength(20)
    // Another robot has its own minute.
    expect(rx.delivered(KEY_D)).toHaveLength(1)
    clock.t = start + 30_000
    await n.runOnce()
    expect(rx.delivered(KEY_N)).toHaveLength(20)
    clock.t = start + 59_999
    await n.runOnce()
    expect(rx.delivered(KEY_N)).toHaveLength(20)
    clock.t = start + 60_000
    await n.runOnce()
    expect(rx.delivered(KEY_N)).toHaveLength(25)
    const sentAt = (await rows()).filter((r) => r.district_code === NANGANG).map((r) => Date.parse(r.sent_at!))
    for (let i = 20; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 20]!).toBeGreaterThanOrEqual(60_000)
    // Still in order across the pause.
    const order = rx.delivered(KEY_N).map((r) => r.content)
    const expected = (await rows()).filter((r) => r.district_code === NANGANG).map((r) => r.markdown)
    expect(order).toEqual(expected)
  })

  it('keeps messages of a district without a robot queued, says so, and sends them once a robot is set', async () => {
    await queue({ kind: 'sheet_issued', orderId: sheets[DAOLI]![0]!.id })
    const n = notifier()
    await n.runOnce()
    expect(rx.requests).toHaveLength(0)
    const [waiting] = (await list()).items
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0, lastError: NO_ROBOT })
    await setHook(DAOLI, KEY_D)
    await n.runOnce()
    expect(rx.delivered(KEY_D)).toHaveLength(1)
    expect((await list()).items[0]).toMatchObject({ status: 'sent', lastError: null })
  })

  it('lets a slow robot hold up only its own district', async () => {
    await setHook(NANGANG, KEY_N)
    await setHook(DAOLI, KEY_D)
    rx.behave({ kind: 'slow', ms: 3000 }, { key: KEY_N })
    await queue(overdue(NANGANG, 1))
    for (let round = 1; round <= 3; round++) await queue(overdue(DAOLI, round))
    const began = Date.now()
    await notifier({ timeoutMs: 300 }).runOnce()
    expect(Date.now() - began).toBeLessThan(2500)
    expect(rx.delivered(KEY_D)).toHaveLength(3)
    const slow = (await rows()).find((r) => r.district_code === NANGANG)!
    expect(slow).toMatchObject({ status: 'queued', attempts: 1, last_error: 'no answer within 300 ms' })
  })

  it('never fails the action when the robot is unreachable: the sheet is issued, its message waits and its error shows', async () => {
    const down = await startWecomReceiver()
    const deadUrl = down.url
    await down.close()
    await setHook(NANGANG, KEY_N)
    // The sender running as the server runs it, against a robot that does not answer.
    const running = startNotifier(t.db, { wecomUrl: deadUrl, intervalMs: 20 })
    try {
      const ids = (await t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', NANGANG).where('status', '=', 'confirmed').orderBy('id').offset(6).limit(1).execute()).map((r) => r.id)
      const res = await t.app.request('/api/rectifications', {
        method: 'POST',
        headers: lina.headers,
        body: JSON.stringify({ id: randomUUID(), findingIds: ids, requirements: '规范设置果皮箱', deadline: new Date(Date.now() + 4 * 86_400_000).toISOString() }),
      })
      expect(res.status, await res.clone().text()).toBe(201)
      const sheet = (await res.json()) as { id: string }
      expect(await t.db.kysely.selectFrom('rectification_orders').select('id').where('id', '=', sheet.id).executeTakeFirst()).toBeDefined()
      let item: Item | undefined
      for (let i = 0; i < 200 && !(item && item.attempts > 0); i++) {
        await new Promise((r) => setTimeout(r, 25))
        item = (await list()).items.find((x) => x.kind === 'sheet_issued')
      }
      expect(item).toMatchObject({ districtCode: NANGANG, status: 'queued', attempts: 1 })
      expect(item!.lastError).toMatch(/^network error: /)
    } finally {
      await running.stop()
    }
  })

  it('sends every message once, in order, when four senders share the database', async () => {
    await setHook(NANGANG, KEY_N)
    await setHook(DAOLI, KEY_D)
    rx.behave({ kind: 'slow', ms: 15 })
    for (let round = 1; round <= 8; round++) {
      await queue(overdue(NANGANG, round))
      await queue(overdue(DAOLI, round))
      clock.t += 1
    }
    // Four senders, each with its own connections as separate server processes would have, all racing.
    const others = [t.tdb.open(), t.tdb.open(), t.tdb.open()]
    try {
      const senders = [t.db, ...others].map((db) => notifier({}, db))
      for (let pass = 0; pass < 6; pass++) await Promise.all(senders.map((s) => s.runOnce()))
    } finally {
      for (const db of others) await db.close()
    }
    expect(rx.requests).toHaveLength(16)
    for (const key of [KEY_N, KEY_D]) {
      expect(rx.requests.filter((r) => r.key === key).map((r) => /第 (\d+) 轮/.exec(r.content)![1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    }
    expect((await rows()).every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true)
  })
})
