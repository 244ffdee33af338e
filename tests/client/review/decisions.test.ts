// The workspace's decision requests against the real server on every database: a single decision is a
// review.create pushed from the supervisor's device and lands in the findings and reviews tables; the shared
// schema stops a rejection without a reason before anything is sent; refusals come back in both languages;
// a replayed decision is answered as the first; confirming many goes a thousand at a time; merging keeps photos.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harbinDistrictCenters } from '@shared/seed'
import { Mutation } from '@shared/sync/protocol'
import { encodeHlc } from '@shared/sync/hlc'
import { CONFIRM_BATCH, confirmMany, decide, mergeInto, type DecisionContext } from '../../../client/src/features/review/decisions'
import { DIALECTS } from '../../support/databases'
import { testApp, type SignedIn, type TestApp } from '../../support/app'
import { create, finding, voidIt } from '../../support/fixtures'
import { transport, type Recorded } from './support'

const hash = (n: number) => n.toString(16).padStart(64, '0')

describe.each(DIALECTS)('review decisions against the server on %s', (dialect) => {
  let t: TestApp
  let inspector: SignedIn
  let other: SignedIn
  let supervisor: SignedIn
  let district: SignedIn
  let counter = 0

  beforeAll(async () => {
    t = await testApp(dialect)
    inspector = await t.login('zhangwei')
    other = await t.login('wangqiang')
    supervisor = await t.login('lina')
    district = await t.login('nangang')
  })
  afterAll(async () => t?.close())

  const ctxOf = (who: SignedIn, ids?: () => string): DecisionContext => ({
    deviceId: who.deviceId,
    supervisorId: who.user.id,
    hlc: async () => encodeHlc({ ms: Date.now(), counter: counter++ % 0xffff, device: who.deviceId }),
    newId: ids ?? (() => randomUUID()),
    now: () => Date.now(),
  })

  async function recorded(n: number, who = inspector, overrides: Parameters<typeof finding>[1] = {}): Promise<string[]> {
    const fs = Array.from({ length: n }, () => finding(who.user.id, overrides))
    const res = await t.app.request('/api/sync/push', {
      method: 'POST',
      headers: who.headers,
      body: JSON.stringify({ deviceId: who.deviceId, mutations: fs.map((f) => create(f)) }),
    })
    expect(res.status).toBe(200)
    return fs.map((f) => f.id)
  }
  const row = (id: string) => t.db.kysely.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const reviewsOf = (id: string) => t.db.kysely.selectFrom('reviews').selectAll().where('finding_id', '=', id).orderBy('at').execute()

  it('confirms through a review.create pushed from the supervisor’s device', async () => {
    const [id] = await recorded(1)
    const log: Recorded[] = []
    const out = await decide(transport(t.app, supervisor, log), ctxOf(supervisor), { findingId: id!, decision: 'confirm', reason: 'ignored' })
    expect(out).toMatchObject({ ok: true })
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ method: 'POST', path: '/sync/push', body: { deviceId: supervisor.deviceId } })
    const sent = (log[0]!.body as { mutations: unknown[] }).mutations
    expect(sent).toHaveLength(1)
    expect(Mutation.parse(sent[0])).toMatchObject({ type: 'review.create', payload: { findingId: id, decision: 'confirm', reason: '', supervisorId: supervisor.user.id } })
    expect((await row(id!)).status).toBe('confirmed')
    const reviews = await reviewsOf(id!)
    expect(reviews.map((r) => [r.decision, r.reason, r.supervisor_id])).toEqual([['confirm', '', supervisor.user.id]])
    if (out.ok) expect(reviews[0]!.id).toBe(out.reviewId)
  })

  it('stops a rejection or send-back without words before sending, in both languages, then sends it with them', async () => {
    const [a, b] = await recorded(2)
    const log: Recorded[] = []
    const api = transport(t.app, supervisor, log)
    for (const decision of ['reject', 'send_back'] as const) {
      for (const reason of [undefined, '', '   ']) {
        const out = await decide(api, ctxOf(supervisor), { findingId: a!, decision, reason })
        expect(out.ok).toBe(false)
        if (!out.ok) {
          expect(out.issues?.map((i) => i.field)).toEqual(['reason'])
          expect(out.problem).toEqual({ zh: '驳回或退回须填写理由', en: 'a reason is required to reject or send back' })
        }
      }
    }
    expect(log).toEqual([])
    expect((await row(a!)).status).toBe('submitted')

    expect(await decide(api, ctxOf(supervisor), { findingId: a!, decision: 'reject', reason: '  照片无法看清问题 ' })).toMatchObject({ ok: true })
    expect(await decide(api, ctxOf(supervisor), { findingId: b!, decision: 'send_back', reason: '请补拍近景照片' })).toMatchObject({ ok: true })
    expect((await row(a!)).status).toBe('rejected')
    expect((await row(b!)).status).toBe('sent_back')
    expect((await reviewsOf(a!)).map((r) => r.reason)).toEqual(['照片无法看清问题'])
    expect((await reviewsOf(b!)).map((r) => [r.decision, r.reason])).toEqual([['send_back', '请补拍近景照片']])
  })

  it('brings back the server’s refusals in both languages: no such finding, a void one, not a supervisor', async () => {
    const api = transport(t.app, supervisor)
    const missing = await decide(api, ctxOf(supervisor), { findingId: randomUUID(), decision: 'confirm' })
    expect(missing).toEqual({ ok: false, problem: { zh: '找不到该扣分记录', en: 'no such finding' } })

    const [v] = await recorded(1)
    await t.app.request('/api/sync/push', { method: 'POST', headers: inspector.headers, body: JSON.stringify({ deviceId: inspector.deviceId, mutations: [voidIt(v!)] }) })
    const voided = await decide(api, ctxOf(supervisor), { findingId: v!, decision: 'confirm' })
    expect(voided).toEqual({ ok: false, problem: { zh: '该记录已作废，须先恢复', en: 'the finding is void; restore it first' } })
    expect(await decide(api, ctxOf(supervisor), { findingId: v!, decision: 'restore' })).toMatchObject({ ok: true })
    expect((await row(v!)).status).toBe('submitted')

    const [d] = await recorded(1)
    const byDistrict = await decide(transport(t.app, district), ctxOf(district), { findingId: d!, decision: 'confirm' })
    expect(byDistrict).toEqual({ ok: false, problem: { zh: '只有督查可以审核', en: 'only supervisors review findings' } })
    expect((await row(d!)).status).toBe('submitted')

    // A session the server does not know: the API's own error, worded by the feature.
    const stranger = { ...supervisor, headers: { ...supervisor.headers, authorization: 'Bearer nobody' } }
    expect(await decide(transport(t.app, stranger), ctxOf(supervisor), { findingId: d!, decision: 'confirm' })).toEqual({
      ok: false,
      problem: { key: 'review.errors.signIn' },
    })
  })

  it('answers a replayed decision (same mutation and review ids) as the first, without a second review', async () => {
    const [id] = await recorded(1)
    const ids = [randomUUID(), randomUUID()]
    const fixed = () => {
      let i = 0
      return () => ids[i++ % 2]!
    }
    const api = transport(t.app, supervisor)
    expect(await decide(api, ctxOf(supervisor, fixed()), { findingId: id!, decision: 'confirm' })).toEqual({ ok: true, reviewId: ids[0] })
    expect(await decide(api, ctxOf(supervisor, fixed()), { findingId: id!, decision: 'confirm' })).toEqual({ ok: true, reviewId: ids[0] })
    expect(await reviewsOf(id!)).toHaveLength(1)
  })

  it('confirms many a thousand at a time, each request with its own id, and says which were refused and why', async () => {
    const mine = await recorded(4)
    const unknown = Array.from({ length: CONFIRM_BATCH - 2 }, () => randomUUID())
    const log: Recorded[] = []
    const out = await confirmMany(transport(t.app, supervisor, log), [...mine, ...unknown, mine[0]!], () => randomUUID())
    expect(log.map((l) => [l.path, (l.body as { ids: string[] }).ids.length])).toEqual([
      ['/findings/review-many', CONFIRM_BATCH],
      ['/findings/review-many', 2],
    ])
    const requestIds = log.map((l) => (l.body as { requestId: string }).requestId)
    expect(new Set(requestIds).size).toBe(2)
    expect(out.failed).toBeNull()
    expect(out.confirmed.sort()).toEqual([...mine].sort())
    expect(out.refused).toHaveLength(unknown.length)
    expect(out.refused[0]!.problem).toEqual({ zh: '找不到该扣分记录', en: 'no such finding' })
    for (const id of mine) expect((await row(id)).status).toBe('confirmed')

    const refused = await confirmMany(transport(t.app, district), mine, () => randomUUID())
    expect(refused).toEqual({ confirmed: [], refused: [], failed: { ids: mine, problem: { key: 'review.errors.forbidden' } } })
  })

  it('merges a duplicate into another keeping its photos, and words the refusals', async () => {
    const center = harbinDistrictCenters()['230103']!
    const [a] = await recorded(1, inspector, { photos: [hash(1)], location: { ...center, accuracy: 5 } })
    const [b] = await recorded(1, other, { photos: [hash(2), hash(1)], location: { lat: center.lat + 0.00005, lng: center.lng, accuracy: 5 } })
    const api = transport(t.app, supervisor)
    expect(await mergeInto(api, b!, a!, '   ')).toEqual({ ok: false, problem: { key: 'review.errors.mergeReason' } })
    const out = await mergeInto(api, b!, a!, '同一问题的重复记录')
    expect(out).toMatchObject({ ok: true, outcome: { merged: { id: b, status: 'voided' }, into: { id: a, photos: [hash(1), hash(2)], addedPhotos: [hash(2)] } } })
    expect(JSON.parse((await row(a!)).photos)).toEqual([hash(1), hash(2)])
    expect((await row(b!)).status).toBe('voided')

    expect(await mergeInto(api, a!, b!, '重复')).toEqual({ ok: false, problem: { key: 'review.errors.merge.targetVoid' } })
    const daoli = harbinDistrictCenters()['230102']!
    const [c] = await recorded(1, other, { districtCode: '230102', location: { ...daoli, accuracy: 5 } })
    expect(await mergeInto(api, c!, a!, '重复')).toEqual({ ok: false, problem: { key: 'review.errors.merge.otherDistrict' } })
    expect(await mergeInto(api, a!, a!, '重复')).toMatchObject({ ok: false, problem: { key: 'review.errors.other' } })
    expect(await mergeInto(api, a!, randomUUID(), '重复')).toEqual({ ok: false, problem: { key: 'review.errors.notFound' } })
  })
})
