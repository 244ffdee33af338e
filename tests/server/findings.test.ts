// The supervisor's findings API on every database: filters and scoping by role over the seeded demo months,
// the detail with its history and worked-out deduction, duplicate candidates, merging, confirming many at
// once (and the published score following), and a 10,000-row month listed in one request.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Hono } from 'hono'
import type { Finding } from '@shared/domain'
import { haversineMetres } from '@shared/geo'
import { deductionFor } from '@shared/scoring'
import { SEED_CHECKLISTS, harbinDistrictCenters } from '@shared/seed'
import type { PushResponse } from '@shared/sync/protocol'
import { createApp, type AppEnv } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import { localBus, type ChangeNotice, type LiveBus } from '../../server/src/live/bus'
import { findingToRow, insertFindings } from '../../server/src/repos/findings.repo'
import type { FindingDetail } from '../../server/src/findings/detail'
import { findDuplicatePairs, type DuplicatePoint } from '../../server/src/findings/duplicates'
import { explainDeduction } from '../../server/src/findings/explain'
import type { FindingList, FindingListRow } from '../../server/src/findings/list'
import type { ReviewManyResult } from '../../server/src/findings/review-many'
import type { MonthView } from '../../server/src/scores/month-view'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { create, finding, hlc, review, update, voidIt, PHOTO } from '../support/fixtures'

/** The app as the server builds it, over this test's database (and bus, to see the notices). */
function findingsApi(db: Db, bus: LiveBus): Hono<AppEnv> {
  return createApp({ db, version: 'test', bus })
}

const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!
const itemOf = (code: string) => sanitation.items.find((i) => i.code === code)!
const CENTER = harbinDistrictCenters()['230103']!
const M_PER_DEG_LAT = 111_195
/** A point `north` and `east` metres from the centre of 南岗 (230103). */
const near = (north: number, east = 0) => ({
  lat: CENTER.lat + north / M_PER_DEG_LAT,
  lng: CENTER.lng + east / (M_PER_DEG_LAT * Math.cos((CENTER.lat * Math.PI) / 180)),
  accuracy: 6,
})
const hash = (n: number) => n.toString(16).padStart(64, '0')

describe('duplicate candidates (pure)', () => {
  it('finds exactly the pairs a comparison of every pair finds', () => {
    const point = fc.record({
      itemCode: fc.constantFrom('HW-01', 'HW-02'),
      inspectorId: fc.constantFrom('a', 'b', 'c'),
      north: fc.integer({ min: 0, max: 120 }),
      minute: fc.integer({ min: 0, max: 600 }),
    })
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (raw) => {
        const points: DuplicatePoint[] = raw.map((p, i) => ({
          id: `f${String(i).padStart(3, '0')}`,
          itemCode: p.itemCode,
          inspectorId: p.inspectorId,
          ...near(p.north),
          at: Date.parse('2026-11-10T01:00:00Z') + p.minute * 60_000,
        }))
        const rules = { maxMetres: 30, maxMinutes: 120 }
        const brute = new Set<string>()
        for (const p of points) {
          for (const q of points) {
            if (p.id < q.id && p.itemCode === q.itemCode && p.inspectorId !== q.inspectorId && Math.abs(p.at - q.at) <= 120 * 60_000 && haversineMetres(p, q) <= 30) {
              brute.add(`${p.id}|${q.id}`)
            }
          }
        }
        const found = findDuplicatePairs(points, rules).map((d) => [d.a, d.b].sort().join('|'))
        expect(new Set(found)).toEqual(brute)
        expect(found.length).toBe(brute.size)
      }),
      { numRuns: 200 },
    )
  })

  it('explains a deduction, with the half-up rounding when it changes the product', () => {
    expect(explainDeduction(2, itemOf('HW-03'), 4000).text.zh).toBe('2 处 × 2 分 = 4 分')
    const area = { ...itemOf('HW-03'), unit: 'm2' as const, deductionPerUnit: 10 }
    const e = explainDeduction(0.29, area, 3)
    expect(e).toMatchObject({ exact: '0.0029', deduction: 3, rounded: true, matchesStored: true })
    expect(e.text.zh).toBe('0.29 平方米 × 0.01 分 = 0.0029 分 ≈ 0.003 分')
    expect(e.text.en).toBe('0.29 m² × 0.01 points per m² = 0.0029 ≈ 0.003 points')
  })
})

describe.each(DIALECTS)('findings API on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  let inspector: SignedIn
  let other: SignedIn
  let supervisor: SignedIn
  let admin: SignedIn
  let nangang: SignedIn
  let daoli: SignedIn
  const notices: ChangeNotice[] = []

  beforeAll(async () => {
    t = await testApp(dialect)
    const bus = localBus()
    bus.subscribe((n) => notices.push(n))
    api = findingsApi(t.db, bus)
    inspector = await t.login('zhangwei')
    other = await t.login('wangqiang')
    supervisor = await t.login('lina')
    admin = await t.login('admin')
    nangang = await t.login('nangang')
    daoli = await t.login('daoli')
  })
  afterAll(async () => t?.close())

  const call = (who: SignedIn | null, path: string, init: { method?: string; body?: unknown } = {}) =>
    api.request(`/api/findings${path}`, {
      method: init.method ?? 'GET',
      headers: who ? who.headers : {},
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    })
  async function list(who: SignedIn, query: string): Promise<FindingList> {
    const res = await call(who, `?${query}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as FindingList
  }
  async function detail(who: SignedIn, id: string): Promise<FindingDetail> {
    const res = await call(who, `/${id}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as FindingDetail
  }
  async function push(who: SignedIn, mutations: unknown[]): Promise<PushResponse> {
    const res = await t.app.request('/api/sync/push', { method: 'POST', headers: who.headers, body: JSON.stringify({ deviceId: who.deviceId, mutations }) })
    expect(res.status, await res.clone().text()).toBe(200)
    const body = (await res.json()) as PushResponse
    for (const r of body.results) expect(r.status, JSON.stringify(r)).not.toBe('rejected')
    return body
  }
  /** Findings matching `where` (columns of the findings table), counted in the database itself. */
  async function stored(where: Record<string, string | number | string[]>, notVoided = true): Promise<string[]> {
    let q = t.db.kysely.selectFrom('findings').select('id')
    for (const [col, v] of Object.entries(where)) q = Array.isArray(v) ? q.where(col as 'id', 'in', v) : q.where(col as 'id', '=', v as string)
    if (notVoided) q = q.where('status', '<>', 'voided')
    return (await q.execute()).map((r) => r.id).sort()
  }
  const ids = (l: FindingList) => l.rows.map((r) => r.id).sort()
  const errorField = async (res: Response) => ((await res.json()) as { error: { details: { issues: { field: string }[] } } }).error.details.issues[0]!.field

  it('narrows by each filter to exactly the stored findings that match', async () => {
    const month = '2026-09'
    const all = await list(supervisor, `month=${month}`)
    expect(all.more).toBe(false)
    expect(ids(all)).toEqual(await stored({ month }))
    expect(all.rows.length).toBeGreaterThan(400)
    const some = all.rows.find((r) => r.line === 'roads')!
    const cases: [string, Record<string, string | string[]>, (r: FindingListRow) => boolean][] = [
      ['district=230103', { district_code: '230103' }, (r) => r.districtCode === '230103'],
      ['district=230103,230102', { district_code: ['230103', '230102'] }, (r) => ['230103', '230102'].includes(r.districtCode)],
      ['line=roads', { line: 'roads' }, (r) => r.line === 'roads'],
      [`item=${some.itemCode}`, { item_code: some.itemCode }, (r) => r.itemCode === some.itemCode],
      ['status=confirmed', { status: 'confirmed' }, (r) => r.status === 'confirmed'],
      ['status=submitted,sent_back', { status: ['submitted', 'sent_back'] }, (r) => r.status === 'submitted' || r.status === 'sent_back'],
      [`inspector=${inspector.user.id}`, { inspector_id: inspector.user.id }, (r) => r.inspectorId === inspector.user.id],
      ['photo=without', {}, (r) => r.photos.length === 0],
    ]
    for (const [query, where, holds] of cases) {
      const got = await list(supervisor, `month=${month}&${query}`)
      expect(got.rows.length, query).toBeGreaterThan(0)
      expect(got.rows.every(holds), query).toBe(true)
      expect(ids(got), query).toEqual(await stored({ month, ...where }))
      expect(got.rows.length, query).toBeLessThan(query === 'photo=without' ? all.rows.length + 1 : all.rows.length)
    }
    // Demo findings carry no photos; one with a photo, half arrived, shows up under photo=with only.
    const withPhotos = finding(inspector.user.id, { recordedAt: '2026-09-15T10:00:00+08:00', photos: [hash(1), hash(2)] })
    await push(inspector, [create(withPhotos)])
    await t.db.kysely
      .insertInto('photos')
      .values({ sha256: hash(1), size: 10, mime: 'image/jpeg', received: 10, complete: 1, width: 1, height: 1, uploaded_by: inspector.user.id, created_at: new Date().toISOString() })
      .execute()
    const withOnly = await list(supervisor, `month=${month}&photo=with`)
    expect(withOnly.rows.map((r) => [r.id, r.photos, r.photosArrived])).toEqual([[withPhotos.id, [hash(1), hash(2)], 1]])
    expect((await list(supervisor, `month=${month}&photo=without`)).rows.some((r) => r.id === withPhotos.id)).toBe(false)
    const pair = all.rows.slice(0, 2).map((r) => r.id)
    expect(ids(await list(supervisor, `ids=${pair.join(',')}`))).toEqual([...pair].sort())
    // As many ids as the reference says (500) fit in one query.
    const many = all.rows.slice(0, 500).map((r) => r.id)
    const askedMany = [...many, ...Array.from({ length: 500 - many.length }, () => randomUUID())]
    expect(ids(await list(supervisor, `ids=${askedMany.join(',')}&limit=1000`))).toEqual([...many].sort())
    // Rows carry the item's name and the inspector's.
    expect(withOnly.rows[0]).toMatchObject({ itemName: { zh: itemOf('HW-03').name.zh }, inspectorName: '张伟', deduction: 4000, clockSkewFlag: false })
  })

  it('pages with a cursor through the same rows, newest first', async () => {
    const whole = await list(supervisor, 'month=2026-08')
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await list(supervisor, `month=2026-08&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.rows.map((r) => r.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(Math.ceil(whole.rows.length / 100))
    expect(seen).toEqual(whole.rows.map((r) => r.id))
    const times = whole.rows.map((r) => r.recordedAt)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('answers a bad query with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['month=2026-13', 'month'],
      ['status=confirmed,done', 'status[1]'],
      ['district=2301', 'district[0]'],
      ['line=parks', 'line[0]'],
      ['item=hw3', 'item[0]'],
      ['inspector=zhangwei', 'inspector[0]'],
      ['photo=maybe', 'photo'],
      ['duplicates=all', 'duplicates'],
      ['limit=20001', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=nonsense', 'cursor'],
      ['stauts=confirmed', 'stauts'],
    ]) {
      const res = await call(supervisor, `?${query}`)
      expect(res.status, query).toBe(400)
      expect(await errorField(res), query).toBe(field)
    }
    expect((await call(supervisor, '/not-an-id')).status).toBe(400)
    expect((await call(supervisor, `/${randomUUID()}`)).status).toBe(404)
    expect((await call(null, '')).status).toBe(401)
  })

  it('gives a district user only the confirmed findings of their own district', async () => {
    const mine = await list(nangang, '')
    expect(mine.rows.length).toBeGreaterThan(0)
    expect(mine.rows.every((r) => r.districtCode === '230103' && r.status === 'confirmed')).toBe(true)
    expect(ids(mine)).toEqual(await stored({ district_code: '230103', status: 'confirmed' }))
    expect(ids(await list(nangang, 'month=2026-10&district=230103'))).toEqual(await stored({ month: '2026-10', district_code: '230103', status: 'confirmed' }))
    expect((await list(nangang, 'status=submitted')).rows).toEqual([])
    expect((await call(nangang, '?district=230102')).status).toBe(403)
    expect((await call(daoli, '?district=230103,230102')).status).toBe(403)
    expect((await list(daoli, '')).rows.every((r) => r.districtCode === '230102')).toBe(true)

    const [otherDistrict] = await stored({ district_code: '230102', status: 'confirmed' })
    const [ownSubmitted] = await stored({ district_code: '230103', status: 'submitted' })
    expect((await call(nangang, `/${otherDistrict}`)).status).toBe(403)
    expect((await call(nangang, `/${ownSubmitted}`)).status).toBe(403)
    expect((await detail(nangang, mine.rows[0]!.id)).finding.districtCode).toBe('230103')
    expect((await call(nangang, '/duplicates?month=2026-11')).status).toBe(403)
    expect((await call(nangang, '/review-many', { method: 'POST', body: { ids: [mine.rows[0]!.id], decision: 'confirm' } })).status).toBe(403)
  })

  it('gives an inspector only their own findings', async () => {
    const mine = await list(inspector, '')
    expect(mine.rows.every((r) => r.inspectorId === inspector.user.id)).toBe(true)
    expect(ids(mine)).toEqual(await stored({ inspector_id: inspector.user.id }))
    expect((await call(inspector, `?inspector=${other.user.id}`)).status).toBe(403)
    const [theirs] = await stored({ inspector_id: other.user.id })
    expect((await call(inspector, `/${theirs}`)).status).toBe(403)
    expect((await detail(inspector, mine.rows[0]!.id)).inspector).toEqual({ id: inspector.user.id, displayName: '张伟' })
    expect((await call(inspector, '/duplicates?month=2026-11')).status).toBe(403)
    expect((await call(inspector, `/${mine.rows[0]!.id}/merge`, { method: 'POST', body: { into: mine.rows[1]!.id, reason: 'x' } })).status).toBe(403)
  })

  it('shows who changed what and when, superseded edits included, and how the deduction was computed', async () => {
    const f = finding(inspector.user.id, { recordedAt: '2026-11-18T10:00:00+08:00', photos: [PHOTO] })
    await push(inspector, [create(f, hlc('tablet-a', 1_000))])
    const late = update(f.id, { street: '学府路（晚）' }, hlc('tablet-b', 3_000))
    const early = update(f.id, { street: '学府路（早）' }, hlc('tablet-a', 2_000))
    await push(inspector, [late, early])
    await push(supervisor, [review(f.id, supervisor.user.id, 'confirm')])
    await push(inspector, [update(f.id, { quantity: 3 }, hlc('tablet-a', 4_000))])

    const d = await detail(supervisor, f.id)
    const h = d.history.map((e) => ({ kind: e.kind, who: e.actor?.displayName, device: e.deviceId, changes: e.changes, superseded: e.superseded, decision: e.decision }))
    expect(h).toEqual([
      { kind: 'created', who: '张伟', device: inspector.deviceId, changes: [], superseded: [], decision: undefined },
      { kind: 'edited', who: '张伟', device: inspector.deviceId, changes: [{ field: 'street', from: '红军街', to: '学府路（晚）' }], superseded: [], decision: undefined },
      { kind: 'edited', who: '张伟', device: inspector.deviceId, changes: [], superseded: [{ field: 'street', value: '学府路（早）' }], decision: undefined },
      { kind: 'reviewed', who: '李娜', device: supervisor.deviceId, changes: [{ field: 'status', from: 'submitted', to: 'confirmed' }], superseded: [], decision: 'confirm' },
      { kind: 'edited', who: '张伟', device: inspector.deviceId, changes: [{ field: 'quantity', from: 2, to: 3 }], superseded: [], decision: undefined },
    ])
    expect(d.history.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true)
    expect(d.reviews).toMatchObject([{ decision: 'confirm', supervisor: { displayName: '李娜' } }])
    expect(d.finding).toMatchObject({ status: 'submitted', needsRereview: true, quantity: 3, deduction: 6000, street: '学府路（晚）' })
    expect(d.item).toMatchObject({ code: 'HW-03', unit: 'occurrence', deductionPerUnit: 2000, monthlyCap: 10_000 })
    expect(d.deduction).toMatchObject({ text: { zh: '3 处 × 2 分 = 6 分' }, deduction: 6000, matchesStored: true, rounded: false })
    expect(d.photos).toEqual([{ sha256: PHOTO, arrived: false, received: 0, size: null, mime: null, width: null, height: null }])
    const row = (await list(supervisor, `ids=${f.id}`)).rows[0]!
    expect(row).toMatchObject({ needsRereview: true, quantity: 3 })
  })

  it('flags two inspectors’ findings of one item 10 m and 20 minutes apart, not 100 m, 3 h or the same inspector', async () => {
    const item = itemOf('HW-05') // seasonal: the demo November has none
    const at = (who: SignedIn, north: number, time: string, east = 0): Finding =>
      finding(who.user.id, {
        itemCode: item.code,
        deduction: deductionFor(1, item.deductionPerUnit),
        quantity: 1,
        location: near(north, east),
        recordedAt: `2026-11-10T${time}:00+08:00`,
        photos: [hash(100 + Math.round(north))],
      })
    // Each case at its own spot, ~400 m from the next, so the cases cannot pair across.
    const a = at(inspector, 0, '09:00'), b = at(other, 10, '09:20')
    const c1 = at(inspector, 400, '09:00'), c2 = at(other, 500, '09:05')
    const d1 = at(inspector, 800, '09:00'), d2 = at(other, 810, '12:00')
    const e1 = at(inspector, 0, '09:00', 400), e2 = at(inspector, 10, '09:20', 400)
    await push(inspector, [a, c1, d1, e1, e2].map((f) => create(f)))
    await push(other, [b, c2, d2].map((f) => create(f)))

    const da = await detail(supervisor, a.id)
    expect(da.duplicates.map((x) => x.id)).toEqual([b.id])
    expect(da.duplicates[0]).toMatchObject({ inspectorName: '王强', minutes: 20, sameDistrict: true })
    expect(da.duplicates[0]!.metres).toBeCloseTo(10, 0)
    for (const lone of [c1, c2, d1, d2, e1, e2]) expect((await detail(supervisor, lone.id)).duplicates, lone.id).toEqual([])

    const res = await call(supervisor, '/duplicates?month=2026-11')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { pairs: { a: FindingListRow; b: FindingListRow; mergeable: boolean }[] }
    const mine = new Set([a, b, c1, c2, d1, d2, e1, e2].map((f) => f.id))
    const ours = body.pairs.filter((p) => mine.has(p.a.id) || mine.has(p.b.id))
    expect(ours.map((p) => [p.a.id, p.b.id])).toEqual([[a.id, b.id]])
    expect(ours[0]).toMatchObject({ mergeable: true, a: { inspectorName: '张伟', possibleDuplicate: true } })
    // Wider rules find the far and the late ones too.
    const wide = (await (await call(supervisor, '/duplicates?month=2026-11&metres=150&minutes=240')).json()) as typeof body
    const widePairs = wide.pairs.filter((p) => mine.has(p.a.id)).map((p) => [p.a.id, p.b.id].sort().join())
    for (const [x, y] of [[c1, c2], [d1, d2]]) expect(widePairs).toContain([x.id, y.id].sort().join())
    expect((await call(supervisor, '/duplicates?month=2026-11&metres=0')).status).toBe(400)

    const flagged = await list(supervisor, 'month=2026-11&duplicates=only')
    expect(flagged.rows.every((r) => r.possibleDuplicate)).toBe(true)
    const flaggedIds = new Set(flagged.rows.map((r) => r.id))
    expect([a, b].every((f) => flaggedIds.has(f.id))).toBe(true)
    expect([c1, c2, d1, d2, e1, e2].some((f) => flaggedIds.has(f.id))).toBe(false)
    expect((await list(supervisor, `ids=${a.id},${c1.id}`)).rows.map((r) => [r.id, r.possibleDuplicate]).sort()).toEqual(
      [[a.id, true], [c1.id, false]].sort(),
    )
    // Once one of the pair is rejected it no longer counts, and is no one's duplicate.
    await push(supervisor, [review(b.id, supervisor.user.id, 'reject', '与已有记录重复')])
    expect((await detail(supervisor, a.id)).duplicates).toEqual([])
  })

  it('merges one finding into another, keeping its photos, voiding it, in the log, announced after commit', async () => {
    const a = finding(inspector.user.id, { recordedAt: '2026-11-12T09:00:00+08:00', photos: [hash(201)] })
    const b = finding(other.user.id, { recordedAt: '2026-11-12T09:10:00+08:00', photos: [hash(202), hash(201)], location: near(5) })
    await push(inspector, [create(a)])
    await push(other, [create(b)])
    notices.length = 0
    const res = await call(supervisor, `/${b.id}/merge`, { method: 'POST', body: { into: a.id, reason: '同一处问题重复记录' } })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ merged: { id: b.id, status: 'voided' }, into: { id: a.id, photos: [hash(201), hash(202)], addedPhotos: [hash(202)] } })

    const rows = await t.db.kysely.selectFrom('findings').selectAll().where('id', 'in', [a.id, b.id]).execute()
    const ra = rows.find((r) => r.id === a.id)!
    const rb = rows.find((r) => r.id === b.id)!
    expect(JSON.parse(ra.photos)).toEqual([hash(201), hash(202)])
    expect(ra.status).toBe('submitted')
    expect(rb.status).toBe('voided')
    expect(rb.void_reason).toContain(a.id)
    expect(rb.void_reason).toContain('同一处问题重复记录')
    expect(JSON.parse(rb.photos)).toEqual([hash(202), hash(201)])

    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity_id', 'in', [a.id, b.id]).where('actor_id', '=', supervisor.user.id).orderBy('seq').execute()
    expect(log.map((l) => [l.entity, l.entity_id, l.op, l.audience, l.owner_id, l.device_id])).toEqual([
      ['finding', b.id, 'delete', 'owner', other.user.id, supervisor.deviceId],
      ['finding', a.id, 'upsert', 'owner', inspector.user.id, supervisor.deviceId],
    ])
    expect(new Set(log.map((l) => l.at)).size).toBe(1)
    expect(notices.map((n) => [n.id, n.op, n.ownerId])).toEqual([
      [b.id, 'delete', other.user.id],
      [a.id, 'upsert', inspector.user.id],
    ])

    const da = await detail(supervisor, a.id)
    expect(da.history.at(-1)).toMatchObject({ kind: 'merged_from', otherFindingId: b.id, actor: { displayName: '李娜' }, changes: [{ field: 'photos', from: [hash(201)], to: [hash(201), hash(202)] }] })
    const db = await detail(supervisor, b.id)
    expect(db.history.at(-1)).toMatchObject({ kind: 'merged_into', otherFindingId: a.id, changes: [{ field: 'status', from: 'submitted', to: 'voided' }] })
    expect(db.finding.voidReason).toContain(a.id)

    // An inspector's edit of the photos made before the merge reached the tablet loses to it.
    await push(inspector, [update(a.id, { photos: [hash(201)] }, hlc('tablet-a', Date.now() - 60_000))])
    expect(JSON.parse((await t.db.kysely.selectFrom('findings').select('photos').where('id', '=', a.id).executeTakeFirstOrThrow()).photos)).toEqual([hash(201), hash(202)])
  })

  it('refuses to merge across items or districts, into or from a void finding, or into itself', async () => {
    const hw5 = itemOf('HW-05')
    const base = finding(inspector.user.id, { recordedAt: '2026-11-13T09:00:00+08:00' })
    const otherItem = finding(other.user.id, { recordedAt: '2026-11-13T09:05:00+08:00', itemCode: hw5.code, deduction: deductionFor(2, hw5.deductionPerUnit) })
    const daoliCenter = harbinDistrictCenters()['230102']!
    const otherDistrict = finding(other.user.id, { recordedAt: '2026-11-13T09:05:00+08:00', districtCode: '230102', location: { ...daoliCenter, accuracy: 5 } })
    const voided = finding(other.user.id, { recordedAt: '2026-11-13T09:05:00+08:00' })
    await push(inspector, [create(base)])
    await push(other, [create(otherItem), create(otherDistrict), create(voided), voidIt(voided.id)])
    const merge = (from: string, into: string, who = supervisor) => call(who, `/${from}/merge`, { method: 'POST', body: { into, reason: '重复' } })
    const message = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message

    let res = await merge(otherItem.id, base.id)
    expect(res.status).toBe(409)
    expect(await message(res)).toMatch(/different items \(HW-05 and HW-03\)/)
    res = await merge(otherDistrict.id, base.id)
    expect(res.status).toBe(409)
    expect(await message(res)).toMatch(/different districts \(230102 and 230103\)/)
    res = await merge(base.id, voided.id)
    expect(res.status).toBe(409)
    expect(await message(res)).toMatch(/into a void finding/)
    expect((await merge(voided.id, base.id)).status).toBe(409)
    expect((await merge(base.id, base.id)).status).toBe(400)
    expect((await merge(base.id, randomUUID())).status).toBe(404)
    expect((await merge(otherItem.id, base.id, nangang)).status).toBe(403)
    expect((await call(supervisor, `/${base.id}/merge`, { method: 'POST', body: { into: base.id } })).status).toBe(400)
    // Nothing changed.
    const statuses = await t.db.kysely.selectFrom('findings').select(['id', 'status']).where('id', 'in', [base.id, otherItem.id, otherDistrict.id]).execute()
    expect(statuses.every((s) => s.status === 'submitted')).toBe(true)
  })

  it('confirms many at once through the review path, and the published score follows', async () => {
    const fs = [0, 1, 2].map((i) => finding(inspector.user.id, { recordedAt: `2026-11-1${4 + i}T10:00:00+08:00`, location: near(-300 - 50 * i) }))
    const voided = finding(inspector.user.id, { recordedAt: '2026-11-14T11:00:00+08:00' })
    await push(inspector, [...fs.map((f) => create(f)), create(voided), voidIt(voided.id)])
    const hw03 = async () => {
      const res = await t.app.request('/api/scores/months/2026-11?mode=published', { headers: supervisor.headers })
      expect(res.status).toBe(200)
      const view = (await res.json()) as MonthView
      const line = view.result.districts.find((d) => d.districtCode === '230103')!.professional.lines.find((l) => l.line === 'sanitation')!
      return line.items.find((i) => i.itemCode === 'HW-03') ?? { rawTotal: 0, findingIds: [] as string[] }
    }
    const before = await hw03()
    expect(fs.some((f) => before.findingIds.includes(f.id))).toBe(false)

    const unknown = randomUUID()
    const requestId = randomUUID()
    const body = { ids: [...fs.map((f) => f.id), unknown, voided.id], decision: 'confirm', requestId }
    notices.length = 0
    const res = await call(supervisor, '/review-many', { method: 'POST', body })
    expect(res.status, await res.clone().text()).toBe(200)
    const out = (await res.json()) as { results: ReviewManyResult[]; confirmed: number; rejected: number }
    expect(out.results.map((r) => [r.findingId, r.status, r.reason?.code ?? null])).toEqual([
      ...fs.map((f) => [f.id, 'applied', null]),
      [unknown, 'rejected', 'not_found'],
      [voided.id, 'rejected', 'voided'],
    ])
    expect(out).toMatchObject({ confirmed: 3, rejected: 2 })
    expect(notices.filter((n) => n.entity === 'finding').map((n) => n.id)).toEqual(fs.map((f) => f.id))

    const after = await hw03()
    for (const f of fs) expect(after.findingIds).toContain(f.id)
    expect(after.rawTotal - before.rawTotal).toBe(3 * 4000)
    // The same request again is a replay: the first answers, no second review.
    const again = (await (await call(supervisor, '/review-many', { method: 'POST', body })).json()) as typeof out
    expect(again.results.map((r) => [r.status, r.confirmed])).toEqual([...fs.map(() => ['duplicate', true]), ['duplicate', false], ['duplicate', false]])
    const reviews = await t.db.kysely.selectFrom('reviews').select('finding_id').where('finding_id', 'in', fs.map((f) => f.id)).execute()
    expect(reviews.length).toBe(3)
    // Each is an ordinary review, made from the supervisor's device.
    const d = await detail(admin, fs[0]!.id)
    expect(d.history.at(-1)).toMatchObject({ kind: 'reviewed', decision: 'confirm', deviceId: supervisor.deviceId, actor: { displayName: '李娜' } })

    for (const [bad, field] of [
      [{ ids: [fs[0]!.id], decision: 'reject' }, 'decision'],
      [{ ids: [] , decision: 'confirm' }, 'ids'],
      [{ ids: Array.from({ length: 1001 }, () => randomUUID()), decision: 'confirm' }, 'ids'],
      [{ ids: [fs[0]!.id, fs[0]!.id], decision: 'confirm' }, 'ids'],
    ] as const) {
      const r = await call(supervisor, '/review-many', { method: 'POST', body: bad })
      expect(r.status).toBe(400)
      expect(await errorField(r)).toBe(field)
    }
    expect((await call(inspector, '/review-many', { method: 'POST', body: { ids: [fs[0]!.id], decision: 'confirm' } })).status).toBe(403)
  })

  it('downloads the list as CSV', async () => {
    const json = await list(supervisor, 'month=2026-09&district=230103')
    const res = await call(supervisor, '?month=2026-09&district=230103&format=csv&lang=en')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()))
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).split('\r\n').slice(0, -1)
    expect(lines[0]!.startsWith('ID,Recorded at,Month')).toBe(true)
    expect(lines.length).toBe(json.rows.length + 1)
  })

  it('lists a month of 10,000 findings in one request', async () => {
    const month = '2026-12'
    const items = sanitation.items
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const item = items[i % items.length]!
      const quantity = 1 + (i % 3)
      const f = finding(i % 2 ? inspector.user.id : other.user.id, {
        itemCode: item.code,
        quantity,
        deduction: deductionFor(quantity, item.deductionPerUnit),
        location: near(((i * 7919) % 6000) - 3000, ((i * 104729) % 6000) - 3000),
        recordedAt: new Date(Date.parse('2026-12-01T00:30:00Z') + i * 250_000).toISOString().replace('Z', '+00:00'),
        photos: [hash(10_000 + i)],
        status: i % 4 ? 'confirmed' : 'submitted',
      })
      return findingToRow(f, month, f.recordedAt)
    })
    await insertFindings(t.db.kysely, rows)
    const photos = rows.filter((_, i) => i % 2 === 0).map((r) => ({
      sha256: JSON.parse(r.photos)[0], size: 1, mime: 'image/jpeg', received: 1, complete: 1, width: 1, height: 1, uploaded_by: inspector.user.id, created_at: r.received_at,
    }))
    for (let i = 0; i < photos.length; i += 500) await t.db.kysely.insertInto('photos').values(photos.slice(i, i + 500)).execute()

    const times: number[] = []
    let body: FindingList | undefined
    let bytes = 0
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      const res = await call(supervisor, `?month=${month}`)
      const text = await res.text()
      times.push(performance.now() - started)
      bytes = text.length
      body = JSON.parse(text) as FindingList
    }
    expect(body!.rows.length).toBe(10_000)
    expect(body!.more).toBe(false)
    expect(body!.rows.filter((r) => r.photosArrived === 1).length).toBe(5000)
    // For scale: reading the same rows raw and encoding them, in the same run.
    const started = performance.now()
    JSON.stringify(await t.db.kysely.selectFrom('findings').selectAll().where('month', '=', month).execute())
    const raw = performance.now() - started
    const best = Math.min(...times)
    console.log(
      `[${dialect}] GET /api/findings?month=${month}: 10,000 rows, ${(bytes / 1e6).toFixed(1)} MB; first ${times[0]!.toFixed(0)} ms, best ${best.toFixed(0)} ms ` +
        `(raw select * and JSON: ${raw.toFixed(0)} ms, ratio ${(best / raw).toFixed(1)}); ${body!.rows.filter((r) => r.possibleDuplicate).length} flagged as possible duplicates`,
    )
  }, 120_000)
})
