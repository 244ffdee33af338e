// Appeals (申诉) on every database: who may file for which finding and when (the window after publication), one
// open appeal per finding and the same request twice filing once, evidence photos uploaded first, who reads which
// appeals, decisions recorded with who made them and logged, and a granted appeal changing the district's month
// by exactly the deduction it removed, as the month's scores show it.
import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { sql } from 'kysely'
import type { Hono } from 'hono'
import type { Appeal } from '@shared/domain'
import type { LineResult, MonthResult } from '@shared/scoring'
import { createApp, type AppEnv } from '../../server/src/app'
import type { AuthUser } from '../../server/src/auth/middleware'
import { localBus, type ChangeNotice } from '../../server/src/live/bus'
import { fsBlobStore } from '../../server/src/photos/fs-blob-store'
import { findingToRow, insertFindings } from '../../server/src/repos/findings.repo'
import { publishMonth } from '../../server/src/scores/publish'
import { join } from 'node:path'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { finding } from '../support/fixtures'
import { AppealList, AppealView } from '../../server/src/openapi/district-work'

const DAY = 86_400_000
const NANGANG = '230103'
const DAOLI = '230102'

interface ErrorBody {
  code: string
  message: string
  details?: { reason?: string; issues?: { field: string; code: string }[]; [k: string]: unknown }
}
type View = Appeal & {
  finding: { itemCode: string; itemName: { zh: string; en: string }; line: string; deduction: number; street: string; recordedAt: string; photos: string[]; location: { lat: number } }
  districtName: { zh: string; en: string }
  filedByName: string
  decidedByName?: string
}
interface MonthView {
  source: 'frozen' | 'live'
  result: MonthResult
  changedSincePublished?: boolean
}

describe.each(DIALECTS)('appeals on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  const notices: ChangeNotice[] = []
  let lina: SignedIn
  let admin: SignedIn
  let inspector: SignedIn
  let nangang: SignedIn
  let daoli: SignedIn
  /** Confirmed findings of 南岗 by month, handed out one by one. */
  const pool: Record<string, string[]> = {}

  const take = (month: string) => pool[month]!.shift()!
  const call = (who: SignedIn | null, method: string, path: string, body?: unknown) =>
    api.request(`/api${path}`, { method, headers: who?.headers ?? {}, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const file = (who: SignedIn, findingId: string, extra: Record<string, unknown> = {}) =>
    call(who, 'POST', '/appeals', { id: randomUUID(), findingId, reason: '记录时该处垃圾已清运完毕，见附照片。', ...extra })
  const decide = (who: SignedIn, id: string, decision: 'upheld' | 'granted', note = '') => call(who, 'POST', `/appeals/${id}/decision`, { decision, note })
  async function ok<T>(res: Response, status = 200): Promise<T> {
    expect(res.status, await res.clone().text()).toBe(status)
    return (await res.json()) as T
  }
  async function failure(res: Response, status: number): Promise<ErrorBody> {
    expect(res.status, await res.clone().text()).toBe(status)
    return ((await res.json()) as { error: ErrorBody }).error
  }
  const asUser = (s: SignedIn): AuthUser => ({
    id: s.user.id,
    username: 'lina',
    displayName: '李娜',
    role: 'supervisor',
    districtCode: null,
    sessionId: 'test',
    deviceId: s.deviceId,
  })
  async function view(month: string, who = lina): Promise<MonthView> {
    return ok<MonthView>(await call(who, 'GET', `/scores/months/${month}`))
  }
  const district = (v: MonthView, code = NANGANG) => v.result.districts.find((d) => d.districtCode === code)!
  const line = (v: MonthView, name: string): LineResult => district(v).professional.lines.find((l) => l.line === name)!

  beforeAll(async () => {
    t = await testApp(dialect)
    const bus = localBus()
    bus.subscribe((n) => notices.push(n))
    api = createApp({ db: t.db, version: 'test', bus, photos: fsBlobStore(join(t.tdb.config.dataDir, 'blobs')) })
    lina = await t.login('lina')
    admin = await t.login('admin')
    inspector = await t.login('zhangwei')
    nangang = await t.login('nangang')
    daoli = await t.login('daoli')
    for (const month of ['2026-07', '2026-08', '2026-09', '2026-11']) {
      pool[month] = (
        await t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', NANGANG).where('month', '=', month).where('status', '=', 'confirmed').orderBy('id').execute()
      ).map((r) => r.id)
      expect(pool[month]!.length, month).toBeGreaterThan(5)
    }
    // 07 was published five days and a minute ago (its window has just closed), 08 a minute short of five days
    // ago (still open), 09 just now.
    await publishMonth(t.db, '2026-07', asUser(lina), Date.now() - 5 * DAY - 60_000)
    await publishMonth(t.db, '2026-08', asUser(lina), Date.now() - 5 * DAY + 60_000)
    await publishMonth(t.db, '2026-09', asUser(lina), Date.now())
  })
  afterAll(async () => t?.close())

  it('files an appeal for a counted deduction of the own district, logs it and announces it', async () => {
    const findingId = take('2026-11')
    const body = { id: randomUUID(), findingId, reason: '该处不属于本区管辖范围。' }
    const appeal = await ok<Appeal>(await call(nangang, 'POST', '/appeals', body), 201)
    expect(appeal).toEqual({
      id: body.id,
      findingId,
      districtCode: NANGANG,
      month: '2026-11',
      reason: body.reason,
      photos: [],
      filedBy: nangang.user.id,
      filedAt: expect.any(String),
      status: 'pending',
    })
    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'appeal').where('entity_id', '=', body.id).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ op: 'upsert', audience: 'district', district_code: NANGANG, actor_id: nangang.user.id, device_id: nangang.deviceId, old: null })
    expect(JSON.parse(log[0]!.data!)).toEqual(appeal)
    expect(notices).toContainEqual(expect.objectContaining({ entity: 'appeal', id: body.id, districtCode: NANGANG }))

    // The same request again files nothing new; the same id for something else is refused.
    expect(await ok<Appeal>(await call(nangang, 'POST', '/appeals', body))).toEqual(appeal)
    expect((await failure(await call(nangang, 'POST', '/appeals', { ...body, reason: 'x' }), 409)).details?.reason).toBe('id_taken')
    // One open appeal per finding.
    expect((await failure(await file(nangang, findingId), 409)).details).toMatchObject({ reason: 'already_appealed', appealId: body.id })
    expect(await t.db.kysely.selectFrom('appeals').select('id').where('finding_id', '=', findingId).execute()).toHaveLength(1)
  })

  it("refuses another district's finding, a finding that does not exist or does not count, other roles and bad input", async () => {
    const findingId = take('2026-11')
    expect((await failure(await file(daoli, findingId), 403)).details?.reason).toBe('other_district')
    for (const who of [inspector, lina, admin]) expect((await failure(await file(who, findingId), 403)).code).toBe('forbidden')
    expect((await failure(await file(nangang, randomUUID()), 400)).details?.issues).toEqual([expect.objectContaining({ field: 'findingId', code: 'not_found' })])
    expect((await failure(await file(nangang, findingId, { reason: '' }), 400)).details?.issues?.[0]?.field).toBe('reason')
    expect((await failure(await file(nangang, 'not-a-uuid'), 400)).code).toBe('validation_failed')
    expect((await failure(await call(null, 'POST', '/appeals', {}), 401)).code).toBe('unauthorized')

    const [sentBack, voided, submittedNov] = [
      finding(inspector.user.id, { status: 'sent_back', recordedAt: '2026-11-10T10:00:00+08:00' }),
      finding(inspector.user.id, { status: 'voided', recordedAt: '2026-11-11T10:00:00+08:00' }),
      finding(inspector.user.id, { status: 'submitted', recordedAt: '2026-11-12T10:00:00+08:00' }),
    ]
    const submittedSep = finding(inspector.user.id, { status: 'submitted', recordedAt: '2026-09-12T10:00:00+08:00' })
    await insertFindings(t.db.kysely, [sentBack, voided, submittedNov].map((f) => findingToRow(f, '2026-11', f.recordedAt)))
    await insertFindings(t.db.kysely, [findingToRow(submittedSep, '2026-09', submittedSep.recordedAt)])
    for (const f of [sentBack, voided]) expect((await failure(await file(nangang, f.id), 409)).details).toMatchObject({ reason: 'not_confirmed', status: f.status })
    // A submitted finding counts while its month is preliminary, not once it is published.
    await ok<Appeal>(await file(nangang, submittedNov.id), 201)
    expect((await failure(await file(nangang, submittedSep.id), 409)).details?.reason).toBe('not_confirmed')
  })

  it("is open before publication and for the policy's appealWindowDays after it, then closed", async () => {
    await ok<Appeal>(await file(nangang, take('2026-09')), 201)
    await ok<Appeal>(await file(nangang, take('2026-08')), 201)
    const closed = await failure(await file(nangang, take('2026-07')), 409)
    expect(closed.details).toMatchObject({ reason: 'window_closed', month: '2026-07', days: 5 })
    expect(Date.parse(closed.details!.closesAt as string)).toBeLessThan(Date.now())
  })

  it('takes evidence photos only once they have been uploaded', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer()
    const sha = createHash('sha256').update(jpeg).digest('hex')
    const findingId = take('2026-11')
    const missing = await failure(await file(nangang, findingId, { photos: [sha] }), 400)
    expect(missing.details?.issues).toEqual([expect.objectContaining({ field: 'photos[0]', code: 'photo_missing' })])
    const put = await api.request(`/api/photos/${sha}`, { method: 'PUT', headers: { ...nangang.headers, 'content-type': 'image/jpeg' }, body: jpeg })
    expect(put.status, await put.clone().text()).toBe(201)
    const appeal = await ok<Appeal>(await file(nangang, findingId, { photos: [sha] }), 201)
    expect(appeal.photos).toEqual([sha])
  })

  it('files once when the same finding is appealed four times at the same moment', async () => {
    const findingId = take('2026-11')
    // Connections open beforehand, so that the requests really overlap rather than queue for a new one each.
    if (dialect === 'postgres') await Promise.all(Array.from({ length: 6 }, () => sql`select pg_sleep(0.05)`.execute(t.db.kysely)))
    const answers = await Promise.all(Array.from({ length: 4 }, () => file(nangang, findingId)))
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409])
    expect(await t.db.kysely.selectFrom('appeals').select('id').where('finding_id', '=', findingId).execute()).toHaveLength(1)
  })

  it("shows a district its own district's appeals only, and the bureau every district's", async () => {
    // An appeal of 道里 too.
    const daoliFinding = (await t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', DAOLI).where('month', '=', '2026-11').where('status', '=', 'confirmed').executeTakeFirstOrThrow()).id
    const theirs = await ok<Appeal>(await file(daoli, daoliFinding), 201)

    const mine = await ok<{ items: View[] }>(await call(nangang, 'GET', '/appeals'))
    // As the reference describes it (strictly: no field it does not name).
    expect(AppealList.safeParse(mine).error).toBeUndefined()
    expect(mine.items.length).toBeGreaterThan(3)
    expect(mine.items.every((a) => a.districtCode === NANGANG)).toBe(true)
    const item = mine.items[0]!
    expect(item.districtName).toEqual({ zh: '南岗区', en: expect.any(String) })
    expect(item.filedByName).toBe('南岗区城管局')
    expect(item.finding).toMatchObject({ itemCode: expect.any(String), itemName: { zh: expect.any(String), en: expect.any(String) }, deduction: expect.any(Number), location: { lat: expect.any(Number) } })
    // Newest filing first.
    const filed = mine.items.map((a) => a.filedAt)
    expect([...filed].sort().reverse()).toEqual(filed)

    expect((await failure(await call(nangang, 'GET', `/appeals?district=${DAOLI}`), 403)).code).toBe('forbidden')
    expect((await failure(await call(nangang, 'GET', `/appeals/${theirs.id}`), 403)).code).toBe('forbidden')
    expect((await ok<View>(await call(daoli, 'GET', `/appeals/${theirs.id}`))).districtName.zh).toBe('道里区')
    expect((await ok<{ items: View[] }>(await call(daoli, 'GET', '/appeals'))).items.map((a) => a.id)).toEqual([theirs.id])
    expect((await failure(await call(inspector, 'GET', '/appeals'), 403)).code).toBe('forbidden')

    const all = await ok<{ items: View[] }>(await call(lina, 'GET', '/appeals'))
    expect(new Set(all.items.map((a) => a.districtCode))).toEqual(new Set([NANGANG, DAOLI]))
    const onlyDaoli = await ok<{ items: View[] }>(await call(lina, 'GET', `/appeals?district=${DAOLI}&status=pending&month=2026-11`))
    expect(onlyDaoli.items.map((a) => a.id)).toEqual([theirs.id])
    expect((await ok<{ items: View[] }>(await call(lina, 'GET', '/appeals?month=2026-08'))).items).toHaveLength(1)
    expect((await failure(await call(lina, 'GET', '/appeals?status=lost'), 400)).code).toBe('validation_failed')
    expect((await failure(await call(lina, 'GET', `/appeals/${randomUUID()}`), 404)).code).toBe('not_found')
  })

  it('records an upheld decision with who made it, shows it to both sides, logs old and new, and refuses a second one', async () => {
    const filed = await ok<Appeal>(await file(nangang, take('2026-11')), 201)
    expect((await failure(await decide(nangang, filed.id, 'granted'), 403)).code).toBe('forbidden')
    expect((await failure(await decide(inspector, filed.id, 'granted'), 403)).code).toBe('forbidden')
    expect((await failure(await call(lina, 'POST', `/appeals/${filed.id}/decision`, { decision: 'maybe' }), 400)).code).toBe('validation_failed')
    expect((await failure(await decide(lina, randomUUID(), 'upheld'), 404)).code).toBe('not_found')

    const upheld = await ok<Appeal>(await decide(lina, filed.id, 'upheld', '照片显示问题仍存在，维持扣分。'))
    expect(upheld).toMatchObject({ id: filed.id, status: 'upheld', decision: { by: lina.user.id, at: expect.any(String), note: '照片显示问题仍存在，维持扣分。' } })
    expect(upheld.decision!.effect).toBeUndefined()
    // The same decision again is a replay; a different one is refused.
    expect(await ok<Appeal>(await decide(lina, filed.id, 'upheld', '照片显示问题仍存在，维持扣分。'))).toEqual(upheld)
    expect((await failure(await decide(admin, filed.id, 'granted'), 409)).details).toMatchObject({ reason: 'already_decided', status: 'upheld' })

    for (const who of [nangang, lina]) {
      const seen = await ok<View>(await call(who, 'GET', `/appeals/${filed.id}`))
      expect(AppealView.safeParse(seen).error).toBeUndefined()
      expect(seen).toMatchObject({ status: 'upheld', decidedByName: '李娜', decision: { by: lina.user.id, note: '照片显示问题仍存在，维持扣分。' } })
    }
    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'appeal').where('entity_id', '=', filed.id).orderBy('seq').execute()
    expect(log.map((l) => l.actor_id)).toEqual([nangang.user.id, lina.user.id])
    expect(JSON.parse(log[1]!.old!)).toEqual(filed)
    expect(JSON.parse(log[1]!.data!)).toEqual(upheld)
    expect(notices.filter((n) => n.id === filed.id)).toHaveLength(2)

    // Once decided, the finding may be appealed again (one open appeal at a time).
    await ok<Appeal>(await file(nangang, filed.findingId), 201)
  })

  it('changes the score by exactly the deduction a granted appeal removed', async () => {
    const before = await view('2026-11')
    expect(before.source).toBe('live')
    // A finding whose item's cap does not bite, so that the whole deduction comes off.
    const lines = district(before).professional.lines
    const uncapped = lines.flatMap((l) => l.items.filter((i) => !i.capBit && i.counted > 0).map((i) => ({ l, i })))
    const pick = uncapped.flatMap(({ l, i }) => i.findingIds.filter((id) => pool['2026-11']!.includes(id)).map((id) => ({ id, line: l.line, item: i.itemCode })))[0]!
    expect(pick).toBeDefined()
    pool['2026-11'] = pool['2026-11']!.filter((id) => id !== pick.id)
    const deduction = (await t.db.kysely.selectFrom('findings').select('deduction').where('id', '=', pick.id).executeTakeFirstOrThrow()).deduction

    const filed = await ok<Appeal>(await file(nangang, pick.id), 201)
    const granted = await ok<Appeal>(await decide(admin, filed.id, 'granted', '经核实，记录时已整改。'))
    expect(granted.status).toBe('granted')
    const effect = granted.decision!.effect!
    expect(effect).toEqual({ deductionRemoved: deduction, compositeBefore: district(before).composite.display, compositeAfter: expect.any(String) })

    const after = await view('2026-11')
    expect(line(after, pick.line).score - line(before, pick.line).score).toBe(effect.deductionRemoved)
    expect(line(after, pick.line).itemsDeducted).toBe(line(before, pick.line).itemsDeducted - deduction)
    expect(district(after).composite.display).toBe(effect.compositeAfter)
    expect(effect.compositeAfter).not.toBe(effect.compositeBefore)
    // Other lines and districts are untouched; the finding is no longer counted anywhere.
    for (const l of lines.filter((x) => x.line !== pick.line)) expect(line(after, l.line).score).toBe(l.score)
    expect(district(after, DAOLI).composite).toEqual(district(before, DAOLI).composite)
    expect(district(after).professional.lines.flatMap((l) => l.items.flatMap((i) => i.findingIds))).not.toContain(pick.id)
    // The district sees the same decision, effect and decider.
    expect(await ok<View>(await call(nangang, 'GET', `/appeals/${filed.id}`))).toMatchObject({ status: 'granted', decidedByName: '系统管理员', decision: { effect } })
    // A granted finding cannot be appealed again.
    expect((await failure(await file(nangang, pick.id), 409)).details).toMatchObject({ reason: 'already_appealed', status: 'granted' })
  })

  it("measures a grant under a bitten cap as what the line really loses", async () => {
    const before = await view('2026-11')
    const capped = district(before)
      .professional.lines.flatMap((l) => l.items.filter((i) => i.capBit).map((i) => ({ l, i })))
      .flatMap(({ l, i }) => i.findingIds.filter((id) => pool['2026-11']!.includes(id)).map((id) => ({ id, line: l.line, item: i })))[0]
    // The demo month always has an item over its cap; without one this test would prove nothing.
    expect(capped).toBeDefined()
    const deduction = (await t.db.kysely.selectFrom('findings').select('deduction').where('id', '=', capped!.id).executeTakeFirstOrThrow()).deduction
    const expected = capped!.item.counted - Math.min(capped!.item.rawTotal - deduction, capped!.item.cap)
    const filed = await ok<Appeal>(await file(nangang, capped!.id), 201)
    const effect = (await ok<Appeal>(await decide(lina, filed.id, 'granted'))).decision!.effect!
    expect(effect.deductionRemoved).toBe(expected)
    expect(effect.deductionRemoved).toBeLessThan(deduction)
    const after = await view('2026-11')
    expect(line(after, capped!.line).score - line(before, capped!.line).score).toBe(expected)
  })

  it('measures a grant in a published month as published, and flags the frozen month as changed', async () => {
    const before = await view('2026-09')
    expect(before.source).toBe('frozen')
    expect(before.changedSincePublished).toBe(false)
    const findingId = take('2026-09')
    const filed = await ok<Appeal>(await file(nangang, findingId), 201)
    const effect = (await ok<Appeal>(await decide(lina, filed.id, 'granted'))).decision!.effect!
    expect(effect.compositeBefore).toBe(district(before).composite.display)
    const item = district(before).professional.lines.flatMap((l) => l.items).find((i) => i.findingIds.includes(findingId))!
    const deduction = (await t.db.kysely.selectFrom('findings').select('deduction').where('id', '=', findingId).executeTakeFirstOrThrow()).deduction
    expect(effect.deductionRemoved).toBe(item.counted - Math.min(item.rawTotal - deduction, item.cap))
    const after = await view('2026-09')
    expect(after.source).toBe('frozen')
    expect(district(after).composite).toEqual(district(before).composite)
    expect(after.changedSincePublished).toBe(true)
  })
})
