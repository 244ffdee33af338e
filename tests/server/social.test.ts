// Media exposures and survey-team scores on every database: entered by the bureau, read by a district for itself,
// counted by the scores exactly, logged with who and when, frozen once the month is published, and downloadable
// as XLSX and CSV holding the same rows.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import type { Hono } from 'hono'
import type { MediaExposure, SurveyScore } from '@shared/domain'
import { createApp, type AppEnv } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import { scoreFormat } from '../../server/src/export/score-formats'
import { localBus, type ChangeNotice } from '../../server/src/live/bus'
import type { MonthView } from '../../server/src/scores/month-view'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'

/** The app as the server builds it, over this test's database (and bus, to see the notices). */
function socialApi(db: Db, notices: ChangeNotice[]): Hono<AppEnv> {
  const bus = localBus()
  bus.subscribe((n) => notices.push(n))
  return createApp({ db, version: 'test', bus })
}

interface ErrorBody {
  code: string
  message: string
  details?: { reason?: string; issues?: { field: string; zh: string; en: string }[] }
}
type MediaItem = MediaExposure & { enteredByName: string | null }
type SurveyList = { month: string; published: boolean; items: (SurveyScore & { enteredByName: string | null })[]; missing: string[] }

/** Thousandths from a display such as "97.000". */
const thousandths = (display: string) => Math.round(Number(display) * 1000)

describe.each(DIALECTS)('media exposures and survey scores on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  const notices: ChangeNotice[] = []
  let lina: SignedIn
  let admin: SignedIn
  let inspector: SignedIn
  let nangang: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    api = socialApi(t.db, notices)
    lina = await t.login('lina')
    admin = await t.login('admin')
    inspector = await t.login('zhangwei')
    nangang = await t.login('nangang')
  })
  afterAll(async () => t?.close())

  const call = (who: SignedIn | null, path: string, method = 'GET', body?: unknown) =>
    api.request(`/api${path}`, { method, headers: who?.headers ?? {}, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  async function ok<T>(res: Response, status = 200): Promise<T> {
    expect(res.status, await res.clone().text()).toBe(status)
    return (await res.json()) as T
  }
  async function failure(res: Response, status: number): Promise<ErrorBody> {
    expect(res.status, await res.clone().text()).toBe(status)
    return ((await res.json()) as { error: ErrorBody }).error
  }
  const exposure = (extra: Partial<MediaExposure> = {}) => ({
    id: randomUUID(),
    districtCode: '230108',
    line: 'sanitation',
    month: '2026-11',
    outlet: '哈尔滨日报',
    title: '平房区某路段垃圾堆积无人清理',
    url: 'https://example.com/news/1',
    publishedAt: '2026-11-20T10:00:00+08:00',
    deduction: 1500,
    ...extra,
  })
  async function mediaScore(code: string, month = '2026-11'): Promise<number> {
    const view = await ok<MonthView>(await call(lina, `/scores/months/${month}`))
    expect(view.result.preliminary).toBe(true)
    return thousandths(view.result.districts.find((d) => d.districtCode === code)!.social.media.display)
  }

  it('an exposure lowers the preliminary media score by exactly its deduction, and deleting it restores it', async () => {
    const before = await mediaScore('230108')
    expect(before).toBeGreaterThan(10_000)
    const body = exposure()
    const stored = await ok<MediaExposure>(await call(lina, '/media-exposures', 'POST', body), 201)
    expect(stored).toEqual({ ...body, enteredBy: lina.user.id })
    expect(await mediaScore('230108')).toBe(before - 1500)

    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'media').where('entity_id', '=', body.id).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ op: 'upsert', audience: 'district', district_code: '230108', actor_id: lina.user.id, device_id: lina.deviceId })
    expect(Math.abs(Date.parse(log[0]!.at) - Date.now())).toBeLessThan(60_000)
    expect(notices).toContainEqual(expect.objectContaining({ entity: 'media', id: body.id, op: 'upsert', districtCode: '230108' }))

    // A retry of the same entry is answered with it; another entry under the same id is refused.
    expect(await ok<MediaExposure>(await call(lina, '/media-exposures', 'POST', body), 200)).toEqual(stored)
    expect((await failure(await call(lina, '/media-exposures', 'POST', { ...body, deduction: 2000 }), 409)).details?.reason).toBe('id_taken')
    expect(await mediaScore('230108')).toBe(before - 1500)
    // Sent several times at once: stored once.
    const twin = exposure({ deduction: 700 })
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(lina, '/media-exposures', 'POST', twin)))
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201])
    expect(await mediaScore('230108')).toBe(before - 2200)
    await ok(await call(lina, `/media-exposures/${twin.id}`, 'DELETE'))

    const list = await ok<{ items: MediaItem[] }>(await call(lina, '/media-exposures?month=2026-11&district=230108'))
    expect(list.items).toEqual([{ ...stored, enteredByName: '李娜' }])

    const gone = await ok<{ deleted: MediaExposure }>(await call(admin, `/media-exposures/${body.id}`, 'DELETE'))
    expect(gone.deleted).toEqual(stored)
    expect(await mediaScore('230108')).toBe(before)
    const tombstone = await t.db.kysely.selectFrom('change_log').selectAll().where('entity_id', '=', body.id).where('op', '=', 'delete').executeTakeFirstOrThrow()
    expect(tombstone).toMatchObject({ entity: 'media', data: null, actor_id: admin.user.id })
    expect(JSON.parse(tombstone.old!)).toEqual(stored)
    expect((await failure(await call(admin, `/media-exposures/${body.id}`, 'DELETE'), 404)).code).toBe('not_found')
  })

  it('files an exposure under the month of its publication in Harbin time, and refuses a month that disagrees', async () => {
    // 17:00 UTC on 31 October is 01:00 on 1 November in Harbin.
    const publishedAt = '2026-10-31T17:00:00Z'
    const err = await failure(await call(lina, '/media-exposures', 'POST', exposure({ month: '2026-10', publishedAt })), 400)
    expect(err.details?.issues?.[0]?.field).toBe('month')
    expect(err.message).toContain('2026-11')
    await ok(await call(lina, '/media-exposures', 'POST', exposure({ month: '2026-11', publishedAt, deduction: 500 })), 201)

    const bad = async (extra: Record<string, unknown>, field: string) =>
      expect((await failure(await call(lina, '/media-exposures', 'POST', exposure(extra as Partial<MediaExposure>)), 400)).details?.issues?.[0]?.field).toBe(field)
    await bad({ deduction: 0 }, 'deduction')
    await bad({ districtCode: '999999' }, 'districtCode')
    await bad({ line: 'parks' }, 'line')
    await bad({ url: 'not a url' }, 'url')
    await bad({ publishedAt: '2026-11-20 10:00' }, 'publishedAt')
    await bad({ publishedAt: '2099-11-20T10:00:00+08:00', month: '2099-11' }, 'publishedAt')
    await bad({ enteredBy: lina.user.id }, 'enteredBy')
  })

  it('enters a survey score, replaces it on a second entry, and the month counts it', async () => {
    const first = await ok<SurveyScore>(await call(lina, '/survey-scores/2026-11/230103', 'PUT', { score: 88_500 }), 200)
    expect(first).toMatchObject({ districtCode: '230103', month: '2026-11', score: 88_500, enteredBy: lina.user.id }) // the seed had one
    const second = await ok<SurveyScore>(await call(admin, '/survey-scores/2026-11/230103', 'PUT', { score: 91_250 }), 200)
    expect(second.enteredBy).toBe(admin.user.id)

    const list = await ok<SurveyList>(await call(lina, '/survey-scores?month=2026-11'))
    expect(list.items.find((s) => s.districtCode === '230103')).toEqual({ ...second, enteredByName: '系统管理员' })
    expect(list.published).toBe(false)
    const view = await ok<MonthView>(await call(lina, '/scores/months/2026-11'))
    expect(view.result.districts.find((d) => d.districtCode === '230103')!.social.survey.display).toBe('91.250')

    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'survey').where('entity_id', '=', '230103@2026-11').orderBy('seq').execute()
    expect(log.map((l) => l.actor_id)).toEqual([lina.user.id, admin.user.id])
    expect(JSON.parse(log[1]!.old!)).toMatchObject({ score: 88_500, enteredBy: lina.user.id })
    expect(JSON.parse(log[1]!.data!)).toMatchObject({ score: 91_250, enteredBy: admin.user.id })

    // A month without a score yet: the first entry creates it, and the list says which districts still lack one.
    await t.db.kysely.deleteFrom('survey_scores').where('month', '=', '2026-10').where('district_code', '=', '230113').execute()
    expect((await ok<SurveyList>(await call(lina, '/survey-scores?month=2026-10'))).missing).toEqual(['230113'])
    await ok(await call(lina, '/survey-scores/2026-10/230113', 'PUT', { score: 80_000 }), 201)
    expect((await ok<SurveyList>(await call(lina, '/survey-scores?month=2026-10'))).missing).toEqual([])

    expect((await failure(await call(lina, '/survey-scores/2026-11/230103', 'PUT', { score: 100_001 }), 400)).details?.issues?.[0]?.field).toBe('score')
    expect((await failure(await call(lina, '/survey-scores/2026-11/230103', 'PUT', { score: 90.5 }), 400)).details?.issues?.[0]?.field).toBe('score')
    expect((await failure(await call(lina, '/survey-scores/2026-11/999999', 'PUT', { score: 90_000 }), 404)).code).toBe('not_found')
    expect((await failure(await call(lina, '/survey-scores/2099-01/230103', 'PUT', { score: 90_000 }), 400)).details?.issues?.[0]?.field).toBe('month')
  })

  it('lets the bureau write, a district read its own, and nobody else in', async () => {
    expect((await failure(await call(inspector, '/media-exposures', 'POST', exposure()), 403)).code).toBe('forbidden')
    expect((await failure(await call(nangang, '/media-exposures', 'POST', exposure({ districtCode: '230103' })), 403)).code).toBe('forbidden')
    expect((await failure(await call(nangang, '/survey-scores/2026-11/230103', 'PUT', { score: 100_000 }), 403)).code).toBe('forbidden')
    const seeded = await t.db.kysely.selectFrom('media_exposures').select('id').where('district_code', '=', '230103').executeTakeFirstOrThrow()
    expect((await failure(await call(nangang, `/media-exposures/${seeded.id}`, 'DELETE'), 403)).code).toBe('forbidden')
    expect((await failure(await call(inspector, '/media-exposures?month=2026-11'), 403)).code).toBe('forbidden')
    expect((await failure(await call(inspector, '/survey-scores?month=2026-11'), 403)).code).toBe('forbidden')
    expect((await failure(await call(null, '/media-exposures'), 401)).code).toBe('unauthorized')

    const own = await ok<{ items: MediaItem[] }>(await call(nangang, '/media-exposures'))
    expect(own.items.length).toBeGreaterThan(0)
    expect(own.items.every((m) => m.districtCode === '230103')).toBe(true)
    expect((await failure(await call(nangang, '/media-exposures?district=230104'), 403)).code).toBe('forbidden')
    const survey = await ok<SurveyList>(await call(nangang, '/survey-scores?month=2026-11'))
    expect(survey.items.map((s) => s.districtCode)).toEqual(['230103'])
    expect(survey.missing).toEqual([])
    expect((await failure(await call(nangang, '/survey-scores?month=2026-11&district=230102'), 403)).code).toBe('forbidden')
    expect((await failure(await call(lina, '/survey-scores'), 400)).details?.issues?.[0]?.field).toBe('month')
  })

  it('refuses changes to a published month', async () => {
    const seeded = await t.db.kysely.selectFrom('media_exposures').select('id').where('month', '=', '2026-08').executeTakeFirstOrThrow()
    await ok(await call(lina, '/scores/months/2026-08/publish', 'POST'), 201)

    let err = await failure(await call(lina, '/media-exposures', 'POST', exposure({ month: '2026-08', publishedAt: '2026-08-12T09:00:00+08:00' })), 409)
    expect(err.details?.reason).toBe('published')
    expect(err.message).toContain('2026-08')
    err = await failure(await call(lina, `/media-exposures/${seeded.id}`, 'DELETE'), 409)
    expect(err.details?.reason).toBe('published')
    err = await failure(await call(admin, '/survey-scores/2026-08/230103', 'PUT', { score: 99_000 }), 409)
    expect(err.details?.reason).toBe('published')
    expect(await t.db.kysely.selectFrom('media_exposures').select('id').where('id', '=', seeded.id).executeTakeFirst()).toBeDefined()
    expect((await ok<SurveyList>(await call(lina, '/survey-scores?month=2026-08'))).published).toBe(true)
    const verified = await ok<{ inputHashMatches: boolean }>(await call(lina, '/scores/months/2026-08/verify'))
    expect(verified.inputHashMatches).toBe(true)
  })

  it('knows a workbook format for every column of the score tables, by its English header', async () => {
    const headers = async (path: string) => (await (await call(lina, `${path}?format=csv&lang=en`)).text()).split('\r\n')[0]!.split(',')
    // The quarter's table needs its three months published (2026-08 may be already).
    for (const m of ['2026-07', '2026-08', '2026-09']) expect([201, 409]).toContain((await call(lina, `/scores/months/${m}/publish`, 'POST')).status)
    const text = new Set(['District code', 'District', 'Line', 'Group', 'Result', 'Incomplete', 'Placed by', 'Reward'])
    for (const path of ['/scores/months/2026-08', '/scores/months/2026-08/funding', '/scores/quarters/2026-Q3']) {
      for (const h of await headers(path)) expect(scoreFormat(h) === 'text', `${path}: ${h}`).toBe(text.has(h))
    }
    expect(scoreFormat('Composite')).toBe('score')
    expect(scoreFormat('Paid (yuan)')).toBe('money')
    expect(scoreFormat('Sanitation')).toBe('points')
  })

  it('downloads exposures and survey scores as XLSX and CSV holding the same rows', async () => {
    const { items } = await ok<{ items: MediaItem[] }>(await call(lina, '/media-exposures?month=2026-11'))
    expect(items.length).toBeGreaterThan(3)
    const res = await call(lina, '/media-exposures?month=2026-11&format=xlsx&lang=zh')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kaoping-media-2026-11.xlsx"')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('媒体曝光')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const head = (ws.getRow(1).values as unknown[]).slice(1)
    expect(head).toEqual(['月份', '区划代码', '区', '专业', '媒体', '标题', '链接', '发布时间', '扣分', '录入人', '编号（系统）'])
    expect(ws.rowCount).toBe(items.length + 1)
    items.forEach((m, i) => {
      const row = ws.getRow(i + 2)
      expect(row.getCell(2).value).toBe(m.districtCode)
      expect(row.getCell(9).value).toBe(m.deduction / 1000)
      expect(row.getCell(9).numFmt).toBe('0.000')
      expect(row.getCell(11).value).toBe(m.id)
    })
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(40) // titles are long

    const survey = await ok<SurveyList>(await call(lina, '/survey-scores?month=2026-11'))
    const sx = await call(lina, '/survey-scores?month=2026-11&format=xlsx')
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(await sx.arrayBuffer())
    const ws2 = wb2.worksheets[0]!
    expect(ws2.getRow(1).getCell(4).value).toBe('调查得分 (Survey score)')
    expect(ws2.rowCount).toBe(survey.items.length + 1)
    survey.items.forEach((s, i) => {
      expect(ws2.getRow(i + 2).getCell(2).value).toBe(s.districtCode)
      expect(ws2.getRow(i + 2).getCell(4).value).toBe(s.score / 1000)
    })

    const csv = await call(nangang, '/survey-scores?month=2026-11&format=csv&lang=en')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe('Month,District code,District,Survey score,Entered by,Entered at')
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['230103'])
  })
})
