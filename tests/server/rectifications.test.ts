// Problem assignment sheets on every database: issuing from confirmed findings of one district, refusals that
// name the field or finding, numbers unique and in sequence under concurrency, who may read which sheet, the
// printable A4 page with its map and thumbnails, and the list as CSV and XLSX.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import type { Hono } from 'hono'
import type { RectificationOrder } from '@shared/domain'
import type { PulledRectification } from '@shared/sync/protocol'
import { monthOf } from '@shared/time'
import { createApp, type AppEnv } from '../../server/src/app'
import type { Db } from '../../server/src/db/database'
import { localBus, type ChangeNotice, type LiveBus } from '../../server/src/live/bus'
import { buildOpenApiDocument } from '../../server/src/openapi/document'
import { ROUTES } from '../../server/src/openapi/routes'
import { districtMapSvg } from '../../server/src/rectification/map-svg'
import { SUPERVISOR_ROUTE_DOCS } from '../../server/src/rectification/route-docs'
import type { SheetDetail } from '../../server/src/rectification/sheet-detail'
import { findingToRow, insertFindings } from '../../server/src/repos/findings.repo'
import { startServer } from '../../server/src/server'
import { DEMO_PASSWORD } from '@shared/seed'
import { DIALECTS, freshDatabase } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { finding, PHOTO } from '../support/fixtures'

/** The app as the server builds it, over this test's database (and bus, to see the notices). */
function sheetsApi(db: Db, bus: LiveBus): Hono<AppEnv> {
  return createApp({ db, version: 'test', bus })
}

const ZONE = 'Asia/Shanghai'
const DAY = 86_400_000
/** A deadline `days` ahead, written with the city's offset as a supervisor's browser would. */
function deadlineIn(days: number, hour = 18): string {
  const d = new Date(Date.now() + days * DAY + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`
}

interface ErrorBody {
  code: string
  message: string
  details?: { reason?: string; issues?: { field: string; zh: string; en: string }[]; [k: string]: unknown }
}

describe.each(DIALECTS)('rectification sheets on %s', (dialect) => {
  let t: TestApp
  let api: Hono<AppEnv>
  const notices: ChangeNotice[] = []
  let lina: SignedIn
  let admin: SignedIn
  let inspector: SignedIn
  let nangang: SignedIn
  let daoli: SignedIn
  /** Confirmed findings of 南岗 (230103) and 道里 (230102), handed out to tests one by one. */
  let nangangPool: string[]
  /** Confirmed findings of 南岗 with photos, for the printed page. */
  let photoPool: string[]
  let daoliPool: string[]
  let submitted: string
  const month = monthOf(Date.now(), ZONE)
  const prefix = `哈城考〔${month.slice(0, 4)}〕${month.slice(5)}-`

  beforeAll(async () => {
    t = await testApp(dialect)
    const bus = localBus()
    bus.subscribe((n) => notices.push(n))
    api = sheetsApi(t.db, bus)
    lina = await t.login('lina')
    admin = await t.login('admin')
    inspector = await t.login('zhangwei')
    nangang = await t.login('nangang')
    daoli = await t.login('daoli')
    const ids = async (code: string, status: string) =>
      (await t.db.kysely.selectFrom('findings').select('id').where('district_code', '=', code).where('status', '=', status).orderBy('id').execute()).map((r) => r.id)
    nangangPool = await ids('230103', 'confirmed')
    // The demo findings carry no photos: three confirmed ones with photos, a few hundred metres apart.
    const photographed = [0, 1, 2].map((i) => {
      const f = finding(inspector.user.id, { status: 'confirmed', photos: i === 1 ? [] : [PHOTO, String(i).repeat(64)] })
      return { ...f, location: { ...f.location, lat: f.location.lat + i * 0.004, lng: f.location.lng - i * 0.003 } }
    })
    await insertFindings(t.db.kysely, photographed.map((f) => findingToRow(f, monthOf(f.recordedAt, ZONE), f.recordedAt)))
    photoPool = photographed.map((f) => f.id)
    daoliPool = await ids('230102', 'confirmed')
    submitted = (await ids('230103', 'submitted'))[0]!
    expect(nangangPool.length).toBeGreaterThan(20)
  })
  afterAll(async () => t?.close())

  const take = (pool: string[], n = 1) => pool.splice(0, n)
  const post = (who: SignedIn, body: unknown) => api.request('/api/rectifications', { method: 'POST', headers: who.headers, body: JSON.stringify(body) })
  const get = (who: SignedIn | null, path: string) => api.request(`/api/rectifications${path}`, { headers: who?.headers ?? {} })
  async function ok<T>(res: Response, status = 200): Promise<T> {
    expect(res.status, await res.clone().text()).toBe(status)
    return (await res.json()) as T
  }
  async function failure(res: Response, status: number): Promise<ErrorBody> {
    expect(res.status, await res.clone().text()).toBe(status)
    return ((await res.json()) as { error: ErrorBody }).error
  }
  const seqOf = (o: RectificationOrder) => Number(o.number.slice(prefix.length))
  const sheet = (findingIds: string[], extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    findingIds,
    requirements: '立即清理暴露垃圾，规范设置果皮箱。',
    deadline: deadlineIn(5),
    ...extra,
  })

  it('issues a sheet from confirmed findings of one district, logs it for the district and announces it', async () => {
    const findingIds = take(nangangPool, 3)
    const body = sheet(findingIds)
    const order = await ok<RectificationOrder>(await post(lina, body), 201)
    expect(order).toMatchObject({
      id: body.id,
      districtCode: '230103',
      findingIds,
      requirements: body.requirements,
      deadline: body.deadline,
      issuedBy: lina.user.id,
      status: 'new',
      afterPhotos: [],
      reworkCount: 0,
      overdueRounds: [],
    })
    expect(order.number).toMatch(/^哈城考〔\d{4}〕\d{2}-\d{3}$/)
    expect(order.number.startsWith(prefix)).toBe(true)
    expect(Math.abs(Date.parse(order.issuedAt) - Date.now())).toBeLessThan(60_000)

    const log = await t.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'rectification').where('entity_id', '=', order.id).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ op: 'upsert', audience: 'district', district_code: '230103', owner_id: null, actor_id: lina.user.id, device_id: lina.deviceId })
    // Logged as devices pull it: the sheet, its district's name and its findings' summaries.
    const pulled = JSON.parse(log[0]!.data!) as PulledRectification
    expect(pulled.order).toEqual(order)
    expect(pulled.districtName).toEqual({ zh: '南岗区', en: 'Nangang District' })
    expect(pulled.findings.map((f) => f.id)).toEqual(findingIds)
    const stored = await t.db.kysely.selectFrom('findings').selectAll().where('id', '=', findingIds[0]!).executeTakeFirstOrThrow()
    expect(pulled.findings[0]).toMatchObject({
      itemCode: stored.item_code,
      line: stored.line,
      deduction: stored.deduction,
      street: stored.street,
      recordedAt: stored.recorded_at,
      inspectorId: stored.inspector_id,
      location: { lat: stored.lat, lng: stored.lng },
    })
    expect(pulled.findings[0]!.itemName.zh.length).toBeGreaterThan(0)
    // The district's WeCom message is queued with the sheet.
    const queued = await t.db.kysely.selectFrom('notifications').select(['kind', 'district_code']).where('dedupe_key', 'like', `%${order.id}%`).execute()
    expect(queued).toEqual([{ kind: 'sheet_issued', district_code: '230103' }])
    expect(notices).toContainEqual({ entity: 'rectification', id: order.id, op: 'upsert', districtCode: '230103', audience: 'district', ownerId: null })

    // The same request again (a retry after a lost answer) returns the sheet already issued.
    const again = await ok<RectificationOrder>(await post(lina, body), 200)
    expect(again).toEqual(order)
    // The same id for anything else is a conflict.
    const err = await failure(await post(lina, { ...body, requirements: '另一份要求' }), 409)
    expect(err.details?.reason).toBe('id_taken')
    expect(err.message).toContain(order.number)
  })

  it('refuses an unconfirmed finding, mixed districts, a past deadline and unknown or taken findings, naming the field', async () => {
    const before = await t.db.kysely.selectFrom('rectification_orders').select('id').execute()
    const [a, b] = take(nangangPool, 2)

    let err = await failure(await post(lina, sheet([a!, submitted])), 409)
    expect(err.details?.reason).toBe('not_confirmed')
    expect(err.message).toContain(submitted)
    expect(err.message).toContain('findingIds[1]')
    expect(err.details?.issues?.[0]).toMatchObject({ field: 'findingIds[1]' })
    expect(err.details?.issues?.[0]?.zh).toContain('尚未确认')

    const other = daoliPool[0]!
    err = await failure(await post(lina, sheet([a!, other])), 400)
    expect(err.code).toBe('validation_failed')
    expect(err.details?.issues?.[0]?.field).toBe('findingIds[1]')
    expect(err.message).toContain(other)
    expect(err.message).toMatch(/230102.*230103|one district/)

    err = await failure(await post(lina, sheet([a!], { deadline: '2020-01-01T18:00:00+08:00' })), 400)
    expect(err.details?.issues?.[0]?.field).toBe('deadline')
    expect(err.message).toMatch(/deadline/)
    err = await failure(await post(lina, sheet([a!], { deadline: '2026-12-01 18:00' })), 400)
    expect(err.details?.issues?.[0]?.field).toBe('deadline')

    const unknown = randomUUID()
    err = await failure(await post(lina, sheet([a!, unknown])), 400)
    expect(err.details?.issues?.[0]?.field).toBe('findingIds[1]')
    expect(err.message).toContain(unknown)

    err = await failure(await post(lina, sheet([a!, a!])), 400)
    expect(err.details?.issues?.[0]?.field).toBe('findingIds')
    err = await failure(await post(lina, sheet([])), 400)
    expect(err.details?.issues?.[0]?.field).toBe('findingIds')
    err = await failure(await post(lina, sheet([a!], { requirements: '   ' })), 400)
    expect(err.details?.issues?.[0]?.field).toBe('requirements')

    const first = await ok<RectificationOrder>(await post(lina, sheet([a!])), 201)
    err = await failure(await post(admin, sheet([b!, a!])), 409)
    expect(err.details).toMatchObject({ reason: 'already_on_sheet', findingId: a, number: first.number })
    expect(err.message).toContain(first.number)

    const after = await t.db.kysely.selectFrom('rectification_orders').select('id').execute()
    expect(after.length).toBe(before.length + 1)
  })

  it('numbers sheets in sequence within the month, unique and without gaps even when issued at once', async () => {
    const existing = await t.db.kysely.selectFrom('rectification_orders').select('number').execute()
    const last = Math.max(0, ...existing.map((r) => Number(r.number.slice(prefix.length))))
    expect(existing.length).toBe(last) // the refusals above consumed no number

    const bodies = Array.from({ length: 8 }, () => sheet(take(nangangPool)))
    // One of the batch fails (an unconfirmed finding) and must not take a number either.
    const results = await Promise.all([...bodies.map((b) => post(lina, b)), post(lina, sheet([submitted]))])
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 409])
    const orders = await Promise.all(results.filter((r) => r.status === 201).map((r) => r.json() as Promise<RectificationOrder>))
    expect(orders.map(seqOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 8 }, (_, i) => last + 1 + i))
    expect(new Set(orders.map((o) => o.number)).size).toBe(8)
    const next = await ok<RectificationOrder>(await post(lina, sheet(take(nangangPool))), 201)
    expect(seqOf(next)).toBe(last + 9)
  })

  it('issues one sheet when the same request arrives several times at once', async () => {
    const body = sheet(take(nangangPool, 2))
    const results = await Promise.all(Array.from({ length: 8 }, () => post(lina, body)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    const orders = await Promise.all(results.map((r) => r.json() as Promise<RectificationOrder>))
    expect(new Set(orders.map((o) => o.number)).size).toBe(1)
    const stored = await t.db.kysely.selectFrom('rectification_orders').select('number').orderBy('number', 'desc').execute()
    expect(stored[0]!.number).toBe(orders[0]!.number) // the losers gave their numbers back
    expect(await t.db.kysely.selectFrom('change_log').select('seq').where('entity_id', '=', body.id).execute()).toHaveLength(1)
  })

  it('lets the bureau read every sheet and a district user only their own; inspectors and strangers none', async () => {
    const daoliSheet = await ok<RectificationOrder>(await post(admin, sheet(take(daoliPool, 2))), 201)
    const nangangSheet = await ok<RectificationOrder>(await post(lina, sheet(take(nangangPool))), 201)

    const all = await ok<{ items: RectificationOrder[] }>(await get(lina, ''))
    expect(new Set(all.items.map((o) => o.districtCode))).toEqual(new Set(['230102', '230103']))
    const own = await ok<{ items: RectificationOrder[] }>(await get(nangang, ''))
    expect(own.items.length).toBeGreaterThan(0)
    expect(own.items.every((o) => o.districtCode === '230103')).toBe(true)
    expect((await ok<{ items: RectificationOrder[] }>(await get(nangang, '?district=230103'))).items).toEqual(own.items)
    expect((await failure(await get(nangang, '?district=230102'), 403)).code).toBe('forbidden')
    expect((await ok<{ items: RectificationOrder[] }>(await get(daoli, ''))).items.map((o) => o.id)).toEqual([daoliSheet.id])
    expect((await ok<{ items: RectificationOrder[] }>(await get(lina, '?district=230102'))).items.map((o) => o.id)).toEqual([daoliSheet.id])

    await ok(await get(nangang, `/${nangangSheet.id}`))
    expect((await failure(await get(daoli, `/${nangangSheet.id}`), 403)).code).toBe('forbidden')
    expect((await failure(await get(daoli, `/${nangangSheet.id}/print`), 403)).code).toBe('forbidden')
    await ok(await get(daoli, `/${daoliSheet.id}`))

    expect((await failure(await get(inspector, ''), 403)).message).toMatch(/inspector/)
    expect((await failure(await get(inspector, `/${nangangSheet.id}`), 403)).code).toBe('forbidden')
    expect((await failure(await post(inspector, sheet(take(nangangPool))), 403)).message).toMatch(/supervisor or admin/)
    expect((await failure(await post(nangang, sheet(take(nangangPool))), 403)).code).toBe('forbidden')
    expect((await failure(await get(null, ''), 401)).code).toBe('unauthorized')
    expect((await failure(await get(lina, `/${randomUUID()}`), 404)).code).toBe('not_found')
    expect((await failure(await get(lina, '/not-a-uuid'), 400)).code).toBe('validation_failed')
  })

  it('lists nearest deadline first by instant, whatever offset the deadline was written with, and filters', async () => {
    // 09:00 in Harbin is 01:00 UTC, earlier than 02:00 UTC though it sorts later as text.
    const day = deadlineIn(2).slice(0, 10)
    const later = await ok<RectificationOrder>(await post(lina, sheet(take(nangangPool), { deadline: `${day}T02:00:00Z` })), 201)
    const earlier = await ok<RectificationOrder>(await post(lina, sheet(take(nangangPool), { deadline: `${day}T09:00:00+08:00` })), 201)
    const { items } = await ok<{ items: RectificationOrder[] }>(await get(lina, '?district=230103'))
    const times = items.map((o) => Date.parse(o.deadline))
    expect(times).toEqual([...times].sort((x, y) => x - y))
    expect(items.findIndex((o) => o.id === earlier.id)).toBeLessThan(items.findIndex((o) => o.id === later.id))

    expect((await ok<{ items: RectificationOrder[] }>(await get(lina, `?month=${month}&status=new`))).items.length).toBe(items.length + 1) // + 道里's
    expect((await ok<{ items: RectificationOrder[] }>(await get(lina, '?status=closed'))).items).toEqual([])
    expect((await ok<{ items: RectificationOrder[] }>(await get(lina, '?month=2020-01'))).items).toEqual([])
    expect((await failure(await get(lina, '?status=lost'), 400)).details?.issues?.[0]?.field).toBe('status')
  })

  it('gives a sheet with its findings: item names, deductions, photos and locations', async () => {
    const ids = take(nangangPool, 2)
    const order = await ok<RectificationOrder>(await post(lina, sheet(ids)), 201)
    const detail = await ok<SheetDetail>(await get(nangang, `/${order.id}`))
    expect(detail.order).toEqual(order)
    expect(detail.district).toEqual({ code: '230103', name: { zh: '南岗区', en: expect.any(String) } })
    expect(detail.issuedBy).toEqual({ id: lina.user.id, displayName: '李娜' })
    expect(detail.findings.map((f) => f.id)).toEqual(ids)
    const rows = await t.db.kysely.selectFrom('findings').selectAll().where('id', 'in', ids).execute()
    for (const f of detail.findings) {
      const row = rows.find((r) => r.id === f.id)!
      expect(f).toMatchObject({ itemCode: row.item_code, deduction: row.deduction, street: row.street, photos: JSON.parse(row.photos), location: { lat: row.lat, lng: row.lng } })
      expect(f.itemName.zh.length).toBeGreaterThan(0)
      expect(f.itemName.zh).not.toBe(f.itemCode)
    }
  })

  it('prints an A4 page with the number, the deadline in Harbin time, a map of the points and the thumbnails', async () => {
    const ids = take(photoPool, 3)
    expect(ids).toHaveLength(3)
    const order = await ok<RectificationOrder>(
      await post(lina, sheet(ids, { deadline: `${deadlineIn(3).slice(0, 10)}T10:30:00Z`, requirements: '清理 <script>alert(1)</script> 并回复' })),
      201,
    )
    const res = await get(nangang, `/${order.id}/print`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self'")
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('问题交办单')
    expect(html).toContain('@page { size: A4')
    expect(html).toContain(order.number)
    expect(html).toContain('南岗区')
    // 10:30 UTC is 18:30 in Harbin.
    const [y, m, d] = deadlineIn(3).slice(0, 10).split('-').map(Number)
    expect(html).toContain(`${y}年${m}月${d}日 18:30`)
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')

    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0]
    expect(svg).toBeDefined()
    expect(svg).toContain('class="boundary"')
    expect(svg!.match(/<g class="finding"/g)).toHaveLength(3)
    const view = /viewBox="0 0 (\d+) (\d+)"/.exec(svg!)!
    for (const c of svg!.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(c[1])).toBeGreaterThan(0)
      expect(Number(c[1])).toBeLessThan(Number(view[1]))
      expect(Number(c[2])).toBeGreaterThan(0)
      expect(Number(c[2])).toBeLessThan(Number(view[2]))
    }

    const rows = await t.db.kysely.selectFrom('findings').select('photos').where('id', 'in', ids).execute()
    const photos = rows.flatMap((r) => JSON.parse(r.photos) as string[])
    expect(photos.length).toBeGreaterThan(0)
    const imgs = [...html.matchAll(/<img src="([^"]+)"/g)].map((x) => x[1])
    expect(imgs.sort()).toEqual(photos.map((h) => `/api/photos/${h}/thumb`).sort())
    expect(html).toContain('签发人')
    expect(html).toContain('接收人')

    // Opened in a new tab: the session rides in the query string, and the thumbnails carry it too.
    const tab = await api.request(`/api/rectifications/${order.id}/print?access_token=${nangang.token}&device=${nangang.deviceId}`)
    expect(tab.status).toBe(200)
    const tabHtml = await tab.text()
    expect(tabHtml).toContain(`/api/photos/${photos[0]}/thumb?access_token=${nangang.token}&amp;device=${nangang.deviceId}`)
    expect((await api.request(`/api/rectifications/${order.id}/print`)).status).toBe(401)
  })

  it('downloads the list as XLSX and CSV holding the same rows', async () => {
    const { items } = await ok<{ items: RectificationOrder[] }>(await get(lina, `?month=${month}`))
    const res = await get(lina, `?month=${month}&format=xlsx`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="kaoping-rectifications-${month}.xlsx"`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('问题交办单')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const head = (ws.getRow(1).values as unknown[]).slice(1)
    expect(head.slice(0, 3)).toEqual(['编号 (Number)', '区划代码 (District code)', '区 (District)'])
    expect(ws.rowCount).toBe(items.length + 1)
    const col = (en: string) => head.findIndex((h) => String(h).endsWith(`(${en})`)) + 1
    items.forEach((o, i) => {
      const row = ws.getRow(i + 2)
      expect(row.getCell(col('Number')).value).toBe(o.number)
      expect(row.getCell(col('District code')).value).toBe(o.districtCode)
      expect(row.getCell(col('Findings')).value).toBe(o.findingIds.length)
      expect(row.getCell(col('Id')).value).toBe(o.id)
      // The deadline as Harbin wall-clock time.
      const local = new Date(Date.parse(o.deadline) + 8 * 3_600_000)
      local.setUTCSeconds(0, 0)
      expect(row.getCell(col('Deadline')).value).toEqual(local)
      expect(row.getCell(col('Deadline')).numFmt).toBe('yyyy-mm-dd hh:mm')
    })

    const zh = await get(lina, `?month=${month}&format=xlsx&lang=zh`)
    const wbZh = new ExcelJS.Workbook()
    await wbZh.xlsx.load(await zh.arrayBuffer())
    expect((wbZh.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['编号', '区划代码', '区', '状态'])
    expect(wbZh.worksheets[0]!.getRow(2).getCell(4).value).toBe('新交办')

    const csv = await get(nangang, '?format=csv&lang=en')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="kaoping-rectifications-230103.csv"')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n')
    const own = (await ok<{ items: RectificationOrder[] }>(await get(nangang, ''))).items
    expect(lines[0]!.startsWith('Number,District code,District,Status')).toBe(true)
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(own.map((o) => o.number))
  })
})

describe.each(DIALECTS)('the server as `npm start` runs it, on %s', (dialect) => {
  it('gives the districts demo sheets to work on, and counts the one already past its deadline as soon as it starts', async () => {
    const tdb = await freshDatabase(dialect)
    const server = await startServer({ port: 0, host: '127.0.0.1', seed: 'demo', jobIntervalMs: 3_600_000, ...tdb.config })
    try {
      const as = async (username: string) => {
        const deviceId = `device-${username}`
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
        })
        expect(res.status).toBe(200)
        const { token } = (await res.json()) as { token: string }
        return (path: string) => fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${token}`, 'x-kaoping-device': deviceId } })
      }
      const nangang = await as('nangang')
      const sheets = async () => ((await (await nangang('/rectifications')).json()) as { items: RectificationOrder[] }).items
      // The deadline job's first pass runs at start.
      await expect.poll(async () => (await sheets()).map((o) => o.status).sort(), { timeout: 20_000 }).toEqual(['in_progress', 'new', 'overdue'])
      const own = await sheets()
      expect(own.every((o) => o.districtCode === '230103')).toBe(true)
      const overdue = own.find((o) => o.status === 'overdue')!
      expect(overdue.overdueRounds).toEqual([{ round: 1, at: overdue.deadline }])
      // Nearest deadline first: the overdue one, then the one due within a day (whose reminder is queued).
      expect(own.map((o) => o.status)).toEqual(['overdue', 'in_progress', 'new'])
      expect(Date.parse(own[1]!.deadline) - Date.now()).toBeLessThan(24 * 3_600_000)
      const reminders = await server.db.kysely.selectFrom('notifications').select('dedupe_key').where('kind', '=', 'deadline_near').execute()
      expect(reminders.map((r) => r.dedupe_key)).toEqual([expect.stringContaining(own[1]!.id)])
      // Each sheet is of confirmed findings of the district, and reaches the district's devices by pull.
      for (const o of own) {
        const detail = (await (await nangang(`/rectifications/${o.id}`)).json()) as SheetDetail
        expect(detail.findings.length).toBe(o.findingIds.length)
        expect(detail.findings.every((f) => f.status === 'confirmed')).toBe(true)
      }
      const pulled = ((await (await nangang('/sync/pull?limit=5000')).json()) as { changes: { entity: string; id: string }[] }).changes
      expect(new Set(pulled.filter((c) => c.entity === 'rectification').map((c) => c.id))).toEqual(new Set(own.map((o) => o.id)))
      const daoli = await as('daoli')
      const theirs = ((await (await daoli('/rectifications')).json()) as { items: RectificationOrder[] }).items
      expect(theirs.map((o) => [o.districtCode, o.status])).toEqual([['230102', 'new']])
    } finally {
      await server.close()
      await tdb.drop()
    }
  }, 180_000)
})

describe('the reference rows for these routes', () => {
  it('build into the OpenAPI document beside the existing ones', () => {
    const doc = buildOpenApiDocument('test', ROUTES)
    for (const r of SUPERVISOR_ROUTE_DOCS) expect(ROUTES).toContainEqual(r)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/rectifications', '/api/rectifications/{id}/print', '/api/media-exposures/{id}', '/api/survey-scores/{month}/{district}']))
    expect(doc.paths['/api/rectifications']!.post!.responses).toHaveProperty('409')
  })
})

describe('the map excerpt', () => {
  const square = [[[[126.6, 45.7], [126.7, 45.7], [126.7, 45.8], [126.6, 45.8], [126.6, 45.7]]]] as [number, number][][][]

  it('scales the boundary and the points into the box, north up, with a scale bar', () => {
    const svg = districtMapSvg(square, [{ lat: 45.79, lng: 126.61, label: '1' }, { lat: 45.71, lng: 126.69, label: '2' }], { width: 400, height: 300, padding: 20 })
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])])
    expect(circles).toHaveLength(2)
    const [p1, p2] = circles as [number[], number[]]
    expect(p1[0]!).toBeLessThan(p2[0]!) // west is left
    expect(p1[1]!).toBeLessThan(p2[1]!) // north is up
    // The square is 11.1 km tall and 7.8 km wide at 45.75°: the height fills the box.
    const ys = [...svg.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].slice(0, 5).map((m) => Number(m[2]))
    expect(Math.min(...ys)).toBeCloseTo(20, 0)
    expect(Math.max(...ys)).toBeCloseTo(280, 0)
    expect(svg).toMatch(/>\d+ km<\/text>/)
  })

  it('enlarges the area of points that sit close together in a large district, framing it on the overview', () => {
    const big = [[[[126.0, 45.0], [127.0, 45.0], [127.0, 46.0], [126.0, 46.0], [126.0, 45.0]]]] as [number, number][][][]
    const svg = districtMapSvg(big, [{ lat: 45.5, lng: 126.5, label: '1' }, { lat: 45.505, lng: 126.505, label: '2' }])
    expect(svg).toContain('class="overview"')
    expect(svg).toContain('class="zoom-frame"')
    expect(svg.match(/<g class="finding"/g)).toHaveLength(2)
    const [a, b] = [...svg.matchAll(/<g class="finding"[^>]*><circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]) as [number[], number[]]
    // 550 m apart, drawn far enough apart for their numbers to be read.
    expect(Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)).toBeGreaterThan(40)
    expect(svg).toMatch(/>\d+ m<\/text>/)
  })

  it('escapes labels and copes with a lone point and no boundary', () => {
    const svg = districtMapSvg([], [{ lat: 45.75, lng: 126.65, label: '<1>' }])
    expect(svg).toContain('&lt;1&gt;')
    expect(svg).toMatch(/<circle cx="320" cy="180"/)
  })
})
