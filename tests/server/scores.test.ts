// The scores API on every database, over the seeded demo months: preliminary and published results, freezing
// and verifying a month, access by role and district, funding, the quarter and the CSV tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { Kysely } from 'kysely'
import { computeMonth, monthInputHash, type MonthInput, type MonthResult, type ScoringMode } from '@shared/scoring'
import { createApp, type AppEnv } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import type { Database } from '../../server/src/db/schema'
import { listDistricts } from '../../server/src/repos/districts.repo'
import { findingToRow, findingsOfMonth, insertFindings } from '../../server/src/repos/findings.repo'
import { listChecklists, policyFor } from '../../server/src/repos/reference.repo'
import { rowToComplaint } from '../../server/src/repos/social.repo'
import type { MonthView } from '../../server/src/scores/month-view'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { finding } from '../support/fixtures'

const CODES = ['230102', '230103', '230104', '230108', '230109', '230110', '230111', '230112', '230113']

/** The API as createApp builds it, with the scores sub-app mounted: routes cannot be added to a built Hono app. */
function scoresApi(db: Db): Hono<AppEnv> {
  return createApp({ db, version: 'test' })
}

/** A month's inputs read straight from the tables through the repositories, not through the scores module. */
async function storedInput(db: Kysely<Database>, month: string, mode: ScoringMode): Promise<MonthInput> {
  const complaints = await db.selectFrom('complaints').selectAll().where('month', '=', month).execute()
  const media = await db.selectFrom('media_exposures').selectAll().where('month', '=', month).execute()
  const surveys = await db.selectFrom('survey_scores').selectAll().where('month', '=', month).execute()
  const budgets = await db.selectFrom('funding_budgets').selectAll().where('month', '=', month).execute()
  return {
    month,
    mode,
    policy: (await policyFor(db, month))!,
    districtCodes: (await listDistricts(db)).map((d) => d.code),
    checklists: await listChecklists(db),
    findings: await findingsOfMonth(db, month),
    overdueRounds: [],
    complaints: complaints.map(rowToComplaint),
    media: media.map((m) => ({ id: m.id, districtCode: m.district_code, month: m.month, deduction: m.deduction })),
    surveys: surveys.map((s) => ({ districtCode: s.district_code, month: s.month, score: s.score })),
    budgets: budgets.map((b) => ({ districtCode: b.district_code, month: b.month, line: b.line as 'sanitation', amountFen: Number(b.amount_fen) })),
  }
}

const asStored = (r: MonthResult): MonthResult => JSON.parse(JSON.stringify(r))
const idsCounted = (r: MonthResult, code: string) =>
  r.districts.find((d) => d.districtCode === code)!.professional.lines.flatMap((l) => l.items.flatMap((i) => i.findingIds))

/** The rows of a CSV response, after checking it starts with a UTF-8 byte-order mark. */
async function csvRows(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200)
  const bytes = new Uint8Array(await res.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(1)
    .split('\r\n')
    .slice(0, -1)
    .map((line) => line.split(','))
}

describe.each(DIALECTS)('scores on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  let supervisor: SignedIn
  let admin: SignedIn
  let inspector: SignedIn
  let nangang: SignedIn
  let daoli: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    api = scoresApi(t.db)
    supervisor = await t.login('lina')
    admin = await t.login('admin')
    inspector = await t.login('zhangwei')
    nangang = await t.login('nangang')
    daoli = await t.login('daoli')
  })
  afterAll(async () => t?.close())

  const call = (who: SignedIn, path: string, method = 'GET') => api.request(`/api/scores${path}`, { method, headers: who.headers })
  async function ok<T>(res: Response, status = 200): Promise<T> {
    expect(res.status, await res.clone().text()).toBe(status)
    return (await res.json()) as T
  }
  async function failure(res: Response, status: number): Promise<{ code: string; message: string; details?: Record<string, any> }> {
    expect(res.status).toBe(status)
    return ((await res.json()) as { error: { code: string; message: string; details?: Record<string, any> } }).error
  }

  it('scores an unpublished month live and preliminary, counting submitted findings and saying so', async () => {
    const view = await ok<MonthView>(await call(supervisor, '/months/2026-11'))
    expect(view.source).toBe('live')
    expect(view.published).toBeNull()
    expect(view.result.mode).toBe('preliminary')
    expect(view.result.preliminary).toBe(true)
    expect(view.result.districts.map((d) => d.districtCode)).toEqual(CODES)
    const submitted = await t.db.kysely
      .selectFrom('findings')
      .select(['id', 'district_code'])
      .where('month', '=', '2026-11')
      .where('status', '=', 'submitted')
      .execute()
    expect(submitted.length).toBeGreaterThan(0)
    const counted = new Set(CODES.flatMap((c) => idsCounted(view.result, c)))
    for (const f of submitted) expect(counted.has(f.id)).toBe(true)
    const unconfirmed = view.unconfirmed.reduce((s, u) => s + u.submitted, 0)
    expect(unconfirmed).toBe(submitted.length)
    expect(view.note.en).toContain(`Preliminary: counts ${unconfirmed + view.unconfirmed.reduce((s, u) => s + u.sentBack, 0)} findings not yet confirmed`)
    expect(view.note.zh).toMatch(/^初步结果/)
  })

  it('counts only confirmed findings in published mode', async () => {
    const view = await ok<MonthView>(await call(supervisor, '/months/2026-11?mode=published'))
    expect(view.source).toBe('live')
    expect(view.result.mode).toBe('published')
    expect(view.result.preliminary).toBe(false)
    expect(view.unconfirmed).toEqual([])
    const statuses = new Map(
      (await t.db.kysely.selectFrom('findings').select(['id', 'status']).where('month', '=', '2026-11').execute()).map((r) => [r.id, r.status]),
    )
    const counted = CODES.flatMap((c) => idsCounted(view.result, c))
    expect(counted.length).toBeGreaterThan(100)
    for (const id of counted) expect(statuses.get(id)).toBe('confirmed')
    const notCounted = view.result.districts.flatMap((d) => d.notCounted.submitted ?? [])
    expect(notCounted.length).toBe([...statuses.values()].filter((s) => s === 'submitted').length)
  })

  it("gives the engine's numbers for the same inputs loaded independently", async () => {
    for (const mode of ['preliminary', 'published'] as const) {
      const view = await ok<MonthView>(await call(admin, `/months/2026-11?mode=${mode}`))
      const expected = computeMonth(await storedInput(t.db.kysely, '2026-11', mode))
      expect(view.result).toEqual(asStored(expected))
    }
  })

  it('answers a bad month or district code with a 400 naming the field, an unknown district with 404', async () => {
    const month = await failure(await call(supervisor, '/months/2026-13'), 400)
    expect(month.details?.issues[0].field).toBe('month')
    const code = await failure(await call(supervisor, '/months/2026-11/districts/12345'), 400)
    expect(code.details?.issues[0].field).toBe('code')
    const quarter = await failure(await call(supervisor, '/quarters/2026-Q5'), 400)
    expect(quarter.details?.issues[0].field).toBe('quarter')
    expect((await failure(await call(supervisor, '/months/2026-11/districts/999999'), 404)).message).toContain('999999')
    expect((await failure(await call(supervisor, '/months/2026-11?format=xml'), 400)).details?.issues[0].field).toBe('format')
    expect((await failure(await call(supervisor, '/months/9999-12'), 400)).details?.issues[0].field).toBe('month')
    expect((await failure(await call(supervisor, '/months/2026-11/verify'), 404)).details?.reason).toBe('not_published')
    expect((await failure(await call(supervisor, '/months/2020-01'), 409)).details?.reason).toBe('no_policy')
  })

  it('explains one district: findings per item, caps, social parts, weights and policy version', async () => {
    const body = await ok<any>(await call(supervisor, '/months/2026-11/districts/230103'))
    expect(body.district).toEqual({ code: '230103', name: { zh: '南岗区', en: expect.any(String) } })
    expect(body.policyVersion).toBe(1)
    expect(body.weights.lines).toEqual({ sanitation: 30, landscaping: 20, roads: 20, appearance: 20, enforcement: 10 })
    expect(body.result.districtCode).toBe('230103')
    const items = body.result.professional.lines.flatMap((l: any) => l.items)
    expect(items.length).toBeGreaterThan(0)
    const ids = items.flatMap((i: any) => i.findingIds)
    expect(body.findings.map((f: any) => f.id).sort()).toEqual([...ids].sort())
    for (const it of items) expect(it.counted).toBe(Math.min(it.rawTotal, it.cap))
    expect(body.result.social.survey.missing).toBe(false)
    expect(body.unconfirmed.districtCode).toBe('230103')
  })

  it('keeps inspectors away from scores and says why', async () => {
    for (const path of ['/months/2026-11', '/months/2026-11/districts/230103', '/months/2026-11/funding', '/quarters/2026-Q3', '/months/2026-11/verify']) {
      const err = await failure(await call(inspector, path), 403)
      expect(err.message).toMatch(/inspector/)
    }
    expect((await failure(await call(inspector, '/months/2026-09/publish', 'POST'), 403)).code).toBe('forbidden')
  })

  it('shows a district user their own district only, and refuses another', async () => {
    const view = await ok<MonthView>(await call(nangang, '/months/2026-11'))
    expect(view.result.districts.map((d) => d.districtCode)).toEqual(['230103'])
    expect(view.unconfirmed.map((u) => u.districtCode)).toEqual(['230103'])
    const full = await ok<MonthView>(await call(supervisor, '/months/2026-11'))
    expect(view.result.districts[0]).toEqual(full.result.districts.find((d) => d.districtCode === '230103'))
    expect((await ok<any>(await call(nangang, '/months/2026-11/districts/230103'))).result.districtCode).toBe('230103')
    expect((await failure(await call(nangang, '/months/2026-11/districts/230102'), 403)).message).toMatch(/another district/)
    expect((await failure(await call(daoli, '/months/2026-11/districts/230103'), 403)).code).toBe('forbidden')
    const funding = await ok<any>(await call(daoli, '/months/2026-11/funding'))
    expect(new Set(funding.rows.map((r: any) => r.districtCode))).toEqual(new Set(['230102']))
    const csv = await csvRows(await call(nangang, '/months/2026-11?format=csv'))
    expect(csv.slice(1).map((r) => r[0])).toEqual(['230103'])
    expect((await failure(await call(nangang, '/months/2026-11/publish', 'POST'), 403)).message).toMatch(/supervisor or admin/)
    expect((await failure(await call(nangang, '/months/2026-11/verify'), 403)).code).toBe('forbidden')
  })

  it('lists funding per district and funded line from the month result', async () => {
    const body = await ok<any>(await call(supervisor, '/months/2026-11/funding'))
    expect(body.mode).toBe('preliminary')
    expect(body.rows).toHaveLength(27)
    const budgets = await t.db.kysely.selectFrom('funding_budgets').selectAll().where('month', '=', '2026-11').execute()
    for (const r of body.rows) {
      const b = budgets.find((x) => x.district_code === r.districtCode && x.line === r.line)!
      expect(r.budgetFen).toBe(Number(b.amount_fen))
      expect(r.atStakeFen).toBe(Math.round(Number(b.amount_fen) * 0.2))
      expect(r.paidFen + r.withheldFen).toBe(r.atStakeFen)
      expect(r.paidFen).toBeLessThanOrEqual(r.atStakeFen)
    }
    expect(body.totals.withheldFen).toBe(body.rows.reduce((s: number, r: any) => s + r.withheldFen, 0))
    expect(body.unbudgeted).toEqual([])
  })

  it('refuses to publish a month with a missing survey score, naming the district', async () => {
    await t.db.kysely.deleteFrom('survey_scores').where('month', '=', '2026-10').where('district_code', '=', '230104').execute()
    const err = await failure(await call(supervisor, '/months/2026-10/publish', 'POST'), 409)
    expect(err.message).toContain('230104')
    expect(err.details?.incomplete).toEqual([{ districtCode: '230104', name: expect.objectContaining({ zh: expect.any(String) }), missing: ['survey'] }])
    const stored = await t.db.kysely.selectFrom('published_months').select('month').where('month', '=', '2026-10').execute()
    expect(stored).toEqual([])
  })

  it('refuses to publish a month that has not ended', async () => {
    const err = await failure(await call(supervisor, '/months/2099-01/publish', 'POST'), 409)
    expect(err.details?.reason).toBe('month_not_over')
  })

  it('publishes a month frozen with its policy version and input hash, counting confirmed findings only', async () => {
    const res = await call(supervisor, '/months/2026-09/publish', 'POST')
    const view = await ok<MonthView>(res, 201)
    const input = await storedInput(t.db.kysely, '2026-09', 'published')
    const expected = computeMonth(input)
    expect(view.source).toBe('frozen')
    expect(view.result).toEqual(asStored(expected))
    expect(view.published).toMatchObject({ policyVersion: 1, inputHash: monthInputHash(input), publishedBy: { id: supervisor.user.id } })
    expect(view.changedSincePublished).toBe(false)
    expect(view.current).toBeUndefined()
    const row = await t.db.kysely.selectFrom('published_months').selectAll().where('month', '=', '2026-09').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ policy_version: 1, input_hash: expected.inputHash, published_by: supervisor.user.id })
    expect(JSON.parse(row.result)).toEqual(asStored(expected))
    const verified = await ok<any>(await call(admin, '/months/2026-09/verify'))
    expect(verified).toMatchObject({ matches: true, inputHashMatches: true, resultMatches: true, changedDistricts: [], policyChanged: false })
  })

  it('refuses to publish a month twice', async () => {
    const err = await failure(await call(admin, '/months/2026-09/publish', 'POST'), 409)
    expect(err.details?.reason).toBe('already_published')
    expect(err.message).toMatch(/cannot be published again/)
    // Nor is there any route that writes a score.
    expect((await failure(await call(admin, '/months/2026-09', 'PUT'), 404)).code).toBe('not_found')
    expect((await failure(await call(admin, '/months/2026-09/districts/230103', 'PATCH'), 404)).code).toBe('not_found')
  })

  it('keeps a published month frozen when its inputs change, flags the change and fails verification', async () => {
    const before = await ok<MonthView>(await call(supervisor, '/months/2026-09'))
    const late = finding(inspector.user.id, { recordedAt: '2026-09-15T10:00:00+08:00', status: 'confirmed' })
    await insertFindings(t.db.kysely, [findingToRow(late, '2026-09', '2026-10-02T08:00:00+08:00')])

    const after = await ok<MonthView>(await call(supervisor, '/months/2026-09'))
    expect(after.source).toBe('frozen')
    expect(after.result).toEqual(before.result)
    expect(idsCounted(after.result, '230103')).not.toContain(late.id)
    expect(after.changedSincePublished).toBe(true)
    expect(after.current!.result.mode).toBe('preliminary')
    expect(idsCounted(after.current!.result, '230103')).toContain(late.id)
    expect(after.note.en).toMatch(/changed since/)

    const verified = await ok<any>(await call(supervisor, '/months/2026-09/verify'))
    expect(verified).toMatchObject({ matches: false, inputHashMatches: false, resultMatches: false, changedDistricts: ['230103'] })
    expect(verified.storedInputHash).toBe(before.published!.inputHash)
    expect(verified.currentInputHash).toBe(monthInputHash(await storedInput(t.db.kysely, '2026-09', 'published')))

    // Each district user hears only of a change to their own row.
    expect((await ok<MonthView>(await call(nangang, '/months/2026-09'))).changedSincePublished).toBe(true)
    const other = await ok<MonthView>(await call(daoli, '/months/2026-09'))
    expect(other.changedSincePublished).toBe(false)
    expect(other.current).toBeUndefined()

    // Forcing preliminary shows today's inputs live, still saying the month is published.
    const live = await ok<MonthView>(await call(supervisor, '/months/2026-09?mode=preliminary'))
    expect(live.source).toBe('live')
    expect(live.published?.inputHash).toBe(before.published!.inputHash)
    expect(idsCounted(live.result, '230103')).toContain(late.id)
  })

  it('refuses a quarter while any of its months is unpublished, naming them', async () => {
    const err = await failure(await call(supervisor, '/quarters/2026-Q3'), 409)
    expect(err.details?.notPublished).toEqual(['2026-07', '2026-08'])
    expect(err.message).toContain('2026-07, 2026-08')
    const q4 = await failure(await call(supervisor, '/quarters/2026-Q4'), 409)
    expect(q4.details?.notPublished).toEqual(['2026-10', '2026-11', '2026-12'])
  })

  it('ranks the nine districts of 2026-Q3 once its three months are published, top three marked', async () => {
    await ok(await call(supervisor, '/months/2026-07/publish', 'POST'), 201)
    await ok(await call(admin, '/months/2026-08/publish', 'POST'), 201)
    const body = await ok<any>(await call(supervisor, '/quarters/2026-Q3'))
    expect(body.months.map((m: any) => m.month)).toEqual(['2026-07', '2026-08', '2026-09'])
    const ranking = body.result.groups[0].ranking
    expect(ranking).toHaveLength(9)
    expect(ranking.map((r: any) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(ranking.map((r: any) => r.reward)).toEqual([true, true, true, false, false, false, false, false, false])
    expect(new Set(ranking.map((r: any) => r.districtCode))).toEqual(new Set(CODES))
    const frozen = await Promise.all(['2026-07', '2026-08', '2026-09'].map(async (m) => (await ok<MonthView>(await call(supervisor, `/months/${m}`))).result))
    for (const r of ranking) {
      const sum = frozen.reduce((s, m) => s + m.districts.find((d) => d.districtCode === r.districtCode)!.composite.hundredths, 0)
      expect(r.monthly.map((x: any) => x.hundredths).reduce((a: number, b: number) => a + b, 0)).toBe(sum)
      expect(r.mean.display).toBe((Math.round(sum / 3) / 100).toFixed(2))
    }
    for (let i = 1; i < ranking.length; i++) expect(Number(ranking[i - 1].mean.display)).toBeGreaterThanOrEqual(Number(ranking[i].mean.display))
    // Rankings are announced to every district, so a district user reads the whole table.
    const seen = await ok<any>(await call(nangang, '/quarters/2026-Q3'))
    expect(seen.result.groups[0].ranking).toHaveLength(9)
  })

  it('exports the month, funding and quarter as CSV matching the JSON', async () => {
    const res = await call(supervisor, '/months/2026-09?format=csv')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-scores-2026-09-published.csv"')
    const rows = await csvRows(res)
    expect(rows[0].slice(0, 8)).toEqual([
      '区划代码 (District code)', '区 (District)', '环卫 (Sanitation)', '园林 (Landscaping)', '道桥 (Roads and bridges)',
      '市容 (City appearance)', '执法 (Enforcement)', '专业得分 (Professional)',
    ])
    const col = (name: string) => rows[0].findIndex((h) => h.startsWith(name))
    const json = await ok<MonthView>(await call(supervisor, '/months/2026-09'))
    expect(rows).toHaveLength(1 + 9)
    for (const [i, d] of json.result.districts.entries()) {
      const row = rows[i + 1]
      expect(row[0]).toBe(d.districtCode)
      expect(row[col('综合得分')]).toBe(d.composite.display)
      expect(row[col('专业得分')]).toBe(d.professional.display)
      expect(row[col('环卫')]).toBe(d.professional.lines[0].display)
      expect(row[col('扣减')]).toBe((d.funding.reduce((s, f) => s + f.withheldFen, 0) / 100).toFixed(2))
      expect(row[col('结果')]).toBe('已发布')
    }
    const en = await csvRows(await call(supervisor, '/months/2026-09?format=csv&lang=en'))
    expect(en[0][0]).toBe('District code')
    expect(en[1][en[0].indexOf('Result')]).toBe('published')

    const funding = await ok<any>(await call(supervisor, '/months/2026-09/funding'))
    const fres = await call(supervisor, '/months/2026-09/funding?format=csv')
    expect(fres.headers.get('content-disposition')).toContain('kaoping-funding-2026-09-published.csv')
    const frows = await csvRows(fres)
    expect(frows).toHaveLength(1 + 27)
    const paid = frows[0].findIndex((h) => h.startsWith('拨付（元）'))
    const budget = frows[0].findIndex((h) => h.startsWith('预算'))
    funding.rows.forEach((r: any, i: number) => {
      expect(frows[i + 1][0]).toBe(r.districtCode)
      expect(frows[i + 1][paid]).toBe((r.paidFen / 100).toFixed(2))
      expect(frows[i + 1][budget]).toBe((r.budgetFen / 100).toFixed(2))
    })

    const quarter = await ok<any>(await call(supervisor, '/quarters/2026-Q3'))
    const qres = await call(nangang, '/quarters/2026-Q3?format=csv')
    expect(qres.headers.get('content-disposition')).toContain('kaoping-quarter-2026-Q3.csv')
    const qrows = await csvRows(qres)
    expect(qrows).toHaveLength(1 + 9)
    const mean = qrows[0].indexOf('季度均分 (Quarter mean)')
    const reward = qrows[0].indexOf('奖励 (Reward)')
    quarter.result.groups[0].ranking.forEach((r: any, i: number) => {
      expect(qrows[i + 1].slice(0, 2)).toEqual([String(r.rank), r.districtCode])
      expect(qrows[i + 1][mean]).toBe(r.mean.display)
      expect(qrows[i + 1][reward]).toBe(r.reward ? '是' : '否')
    })
  })
})
