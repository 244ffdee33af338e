// The sync protocol on every database: idempotent push, readable rejections, merge rules, scoped pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '@shared/domain'
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '@shared/sync/protocol'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { create, finding, hlc, review, update, voidIt } from '../support/fixtures'

describe.each(DIALECTS)('sync on %s', (dialect) => {
  let t: TestApp
  let inspector: SignedIn
  let other: SignedIn
  let supervisor: SignedIn
  let district: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    inspector = await t.login('zhangwei')
    other = await t.login('wangqiang')
    supervisor = await t.login('lina')
    district = await t.login('nangang')
  })
  afterAll(async () => t?.close())

  async function push(who: SignedIn, mutations: unknown[], extra: Record<string, string> = {}): Promise<PushResponse> {
    const res = await t.app.request('/api/sync/push', {
      method: 'POST',
      headers: { ...who.headers, ...extra },
      body: JSON.stringify({ deviceId: who.deviceId, mutations }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as PushResponse
  }

  async function pullAll(who: SignedIn, cursor?: string, limit = 5000): Promise<PullResponse & { pages: number }> {
    const changes: PullResponse['changes'] = []
    let pages = 0
    for (;;) {
      const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })
      const res = await t.app.request(`/api/sync/pull?${q}`, { headers: who.headers })
      expect(res.status).toBe(200)
      const body = (await res.json()) as PullResponse
      changes.push(...body.changes)
      cursor = body.cursor
      pages++
      if (!body.more) return { changes, cursor: cursor!, more: false, pages }
    }
  }

  const stored = async (id: string) => t.db.kysely.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst()

  it('applies a new finding once; a replay answers duplicate with the first result', async () => {
    const f = finding(inspector.user.id)
    const m = create(f)
    const first = await push(inspector, [m])
    expect(first.results).toEqual([{ id: m.id, status: 'applied', entity: { type: 'finding', id: f.id } }])
    const again = await push(inspector, [m, m])
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate'])
    expect(again.results[0]).toMatchObject({ first: { status: 'applied', entity: { id: f.id } } })
    const n = await t.db.kysely.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).where('id', '=', f.id).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
    expect((await stored(f.id))!.month).toBe('2026-11')
  })

  it('files a finding recorded at 07:00 local on the 1st under that month', async () => {
    const f = finding(inspector.user.id, { recordedAt: '2026-10-31T23:00:00Z' })
    expect((await push(inspector, [create(f)])).results[0]!.status).toBe('applied')
    expect((await stored(f.id))!.month).toBe('2026-11')
  })

  it('rejects with readable reasons and keeps going with the rest of the batch', async () => {
    const good = finding(inspector.user.id)
    const badDeduction = finding(inspector.user.id, { deduction: 1 })
    const wrongDistrict = finding(inspector.user.id, { districtCode: '230102' })
    const overridden = finding(inspector.user.id, { districtCode: '230102', districtOverrideReason: '责任区跨区，按道里区考核' })
    const noPhoto = finding(inspector.user.id, { photos: [] })
    const someoneElse = finding(other.user.id)
    const malformed = { ...create(good), payload: { ...good, quantity: 'two' } }
    const res = await push(inspector, [
      create(badDeduction),
      create(wrongDistrict),
      malformed,
      create(good),
      create(overridden),
      create(noPhoto),
      create(someoneElse),
    ])
    const codes = res.results.map((r) => (r.status === 'rejected' ? r.reason.code : r.status))
    expect(codes).toEqual(['deduction_mismatch', 'district_mismatch', 'invalid', 'applied', 'applied', 'photo_required', 'not_owner'])
    const invalid = res.results[2]!
    expect(invalid.status === 'rejected' && invalid.reason.issues?.map((i) => i.field)).toEqual(['payload.quantity'])
    for (const r of res.results) if (r.status === 'rejected') expect(r.reason.zh.length && r.reason.en.length).toBeTruthy()
    expect(await stored(badDeduction.id)).toBeUndefined()
    // A rejection is remembered too: a replay gets the same answer.
    const replay = await push(inspector, [{ ...create(badDeduction), id: res.results[0]!.id }])
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', first: { status: 'rejected', reason: { code: 'deduction_mismatch' } } })
  })

  it('lets only inspectors record and only supervisors review', async () => {
    const f = finding(supervisor.user.id)
    expect((await push(supervisor, [create(f)])).results[0]).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } })
    const mine = finding(inspector.user.id)
    await push(inspector, [create(mine)])
    const r = await push(inspector, [review(mine.id, inspector.user.id, 'confirm')])
    expect(r.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } })
    expect((await stored(mine.id))!.status).toBe('submitted')
  })

  it('resolves two devices editing one field by the later clock, whichever arrives first, keeping the loser', async () => {
    const results: string[] = []
    for (const order of [0, 1]) {
      const f = finding(inspector.user.id)
      await push(inspector, [create(f, hlc('tablet-a', 1_000))])
      const early = update(f.id, { street: '学府路（早）' }, hlc('tablet-a', 2_000))
      const late = update(f.id, { street: '学府路（晚）' }, hlc('tablet-b', 3_000))
      await push(inspector, order === 0 ? [early, late] : [late, early])
      results.push((await stored(f.id))!.street)
      const history = await t.db.kysely.selectFrom('change_log').select(['old']).where('entity_id', '=', f.id).orderBy('seq').execute()
      const texts = history.map((h) => h.old ?? '').join(' ')
      expect(texts).toContain('学府路（早）')
    }
    expect(results).toEqual(['学府路（晚）', '学府路（晚）'])
  })

  it('breaks a clock tie by device id', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f, hlc('tablet-a', 1_000))])
    await push(inspector, [update(f.id, { note: 'from z' }, hlc('tablet-z', 5_000, 0)), update(f.id, { note: 'from b' }, hlc('tablet-b', 5_000, 0))])
    expect((await stored(f.id))!.note).toBe('from z')
    const g = finding(inspector.user.id)
    await push(inspector, [create(g, hlc('tablet-a', 1_000))])
    await push(inspector, [update(g.id, { note: 'from b' }, hlc('tablet-b', 5_000, 0)), update(g.id, { note: 'from z' }, hlc('tablet-z', 5_000, 0))])
    expect((await stored(g.id))!.note).toBe('from z')
  })

  it('sends a finding edited after review back for re-review, recomputing its deduction', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f)])
    await push(supervisor, [review(f.id, supervisor.user.id, 'confirm')])
    expect((await stored(f.id))!.status).toBe('confirmed')
    await push(inspector, [update(f.id, { quantity: 3 })])
    const row = (await stored(f.id))!
    expect(row).toMatchObject({ status: 'submitted', needs_rereview: 1, deduction: 6000 })
  })

  it('requires a reason to reject or send back, and a sent-back finding returns to its inspector', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f)])
    const noReason = await push(supervisor, [review(f.id, supervisor.user.id, 'send_back')])
    expect(noReason.results[0]).toMatchObject({ status: 'rejected', reason: { issues: [{ field: 'payload.reason' }] } })
    await push(supervisor, [review(f.id, supervisor.user.id, 'send_back', '照片看不清，请补拍')])
    expect((await stored(f.id))!.status).toBe('sent_back')
    const mine = await pullAll(inspector)
    const back = mine.changes.filter((c) => c.id === f.id).at(-1)!
    expect((back.data as Finding).status).toBe('sent_back')
    expect(mine.changes.some((c) => c.entity === 'review' && (c.data as { reason: string }).reason === '照片看不清，请补拍')).toBe(true)
  })

  it('voids as a tombstone that is final until a supervisor restores it', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f)])
    const { cursor } = await pullAll(inspector)
    await push(inspector, [voidIt(f.id)])
    expect((await stored(f.id))!.status).toBe('voided')
    const after = await pullAll(inspector, cursor)
    expect(after.changes).toEqual([expect.objectContaining({ entity: 'finding', id: f.id, op: 'delete' })])
    expect((await push(inspector, [update(f.id, { note: 'x' })])).results[0]).toMatchObject({ reason: { code: 'voided' } })
    await push(supervisor, [review(f.id, supervisor.user.id, 'restore')])
    expect((await stored(f.id))!.status).toBe('submitted')
  })

  it('scopes pull: reference data for all, findings for their inspector and the bureau, none for districts', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f)])
    const mine = await pullAll(inspector)
    const theirs = await pullAll(other)
    const bureau = await pullAll(supervisor)
    const clerk = await pullAll(district)
    const has = (p: PullResponse, id: string) => p.changes.some((c) => c.id === id)
    expect(has(mine, f.id) && has(bureau, f.id)).toBe(true)
    expect(has(theirs, f.id) || has(clerk, f.id)).toBe(false)
    for (const p of [mine, theirs, bureau, clerk]) {
      expect(p.changes.filter((c) => c.entity === 'district')).toHaveLength(9)
      expect(p.changes.filter((c) => c.entity === 'checklist')).toHaveLength(5)
    }
    expect(clerk.changes.every((c) => c.entity !== 'finding')).toBe(true)
  })

  it('pages by cursor without loss or repetition, and the cursor never moves backwards', async () => {
    const whole = await pullAll(supervisor)
    const paged = await pullAll(supervisor, undefined, 97)
    expect(paged.pages).toBeGreaterThan(10)
    expect(paged.changes.length).toBe(whole.changes.length)
    const res = await t.app.request(`/api/sync/pull?cursor=${paged.cursor}`, { headers: supervisor.headers })
    const idle = (await res.json()) as PullResponse
    expect(idle).toMatchObject({ changes: [], cursor: paged.cursor, more: false })
  })

  it('answers a bad cursor with a 400 naming it, and an old protocol with 426', async () => {
    const res = await t.app.request('/api/sync/pull?cursor=bogus', { headers: inspector.headers })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain('"field":"cursor"')
    const old = await t.app.request('/api/sync/pull', { headers: { ...inspector.headers, 'x-kaoping-protocol': String(PROTOCOL_VERSION - 1 || 99) } })
    expect(old.status).toBe(426)
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('upgrade_required')
  })

  it('records who, when, from which device, old and new in the change log', async () => {
    const f = finding(inspector.user.id)
    await push(inspector, [create(f)])
    await push(inspector, [update(f.id, { note: '补充说明' })])
    const rows = await t.db.kysely.selectFrom('change_log').selectAll().where('entity_id', '=', f.id).orderBy('seq').execute()
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatchObject({ actor_id: inspector.user.id, device_id: inspector.deviceId })
    expect(JSON.parse(rows[1]!.old!)).toMatchObject({ values: { note: '' } })
    expect(JSON.parse(rows[1]!.data!)).toMatchObject({ note: '补充说明' })
  })
})
