// The rectification workflow through the device's outbox against the real server over loopback: the district's
// device pulls its sheets (another district's does not), submits offline with an after-photo that goes up before
// the step, and the sheet is submitted on the server; the inspector's device pulls it as a re-inspection task with
// the district's photo kept for offline, passes it, and the sheet closes. A step the server refuses falls back to
// the server's copy with the reason, and stays counted until read.
import '../sync/support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KaopingDb } from '../../../client/src/db/db'
import { syncOnce } from '../../../client/src/sync/engine'
import { unsyncedSummary } from '../../../client/src/sync/outbox'
import { dismissSheetRejection, startRectification, submitRectification, verifyRectification } from '../../../client/src/sync/rectification-outbox'
import { apiFetch } from '../../../client/src/api/client'
import type { Transport } from '../../../client/src/sync/context'
import { DEMO_USER_IDS } from '@shared/seed'
import { freshDb, jpegPhoto, recording, serveApiFrom, startTestServer, type TestServer } from '../sync/support'
import { issueSheet, sheetOnServer, signInAs, type IssuedSheet } from './support'

let server: TestServer
let sheet: IssuedSheet
let other: IssuedSheet

beforeAll(async () => {
  server = await startTestServer('reference')
  serveApiFrom(server.url)
  sheet = await issueSheet(server, '230103', 1)
  other = await issueSheet(server, '230102', 2)
}, 60_000)
afterAll(async () => server?.close())

async function pulled(db: KaopingDb) {
  const report = await syncOnce({ db })
  expect(report.outcome).toBe('synced')
  return report
}

describe('the district and the inspector through the outbox', () => {
  let district: KaopingDb
  let stale: KaopingDb
  let after: Awaited<ReturnType<typeof jpegPhoto>>

  it('gives the district its own sheets only, with findings, names and the before-photo kept for offline', async () => {
    await signInAs(server.url, 'nangang')
    district = freshDb()
    stale = freshDb()
    await pulled(district)
    await pulled(stale)
    const rows = await district.rectifications.toArray()
    expect(rows.map((r) => r.id)).toEqual([sheet.orderId])
    const row = rows[0]!
    expect(row).toMatchObject({ status: 'new', pending: 0, districtCode: '230103', deadline: row.order.deadline, districtName: { zh: '南岗区' } })
    expect(Date.parse(row.deadline)).toBe(Date.parse(sheet.deadline))
    expect(row.findings).toMatchObject([{ id: sheet.findingId, itemCode: 'HW-03', photos: [sheet.beforePhoto], inspectorId: DEMO_USER_IDS.zhangwei }])
    expect(row.findings[0]!.itemName.zh.length).toBeGreaterThan(0)
    // The clerk's phone keeps the inspector's photo to show offline; the district's device has no task list.
    expect((await district.sheetPhotos.get(sheet.beforePhoto))?.orderIds).toEqual([sheet.orderId])
    expect(await district.tasks.count()).toBe(0)
    expect(await district.rectifications.get(other.orderId)).toBeUndefined()

    await signInAs(server.url, 'daoli')
    const daoli = freshDb()
    await pulled(daoli)
    expect((await daoli.rectifications.toArray()).map((r) => r.id)).toEqual([other.orderId])
  })

  it('submits offline: the step, its photo and the cleared draft in one write, counted as unsynced, the photo sent before the step', async () => {
    await signInAs(server.url, 'nangang')
    after = await jpegPhoto(480, 360, 7)
    await district.drafts.put({ id: `rectify:${sheet.orderId}`, value: { v: 1 }, savedAt: 1 })
    expect(await startRectification(sheet.orderId, { db: district })).toMatchObject({ ok: true })
    const w = await submitRectification({ orderId: sheet.orderId, photos: [after], note: '已清理完毕' }, { db: district, draftId: `rectify:${sheet.orderId}` })
    expect(w).toMatchObject({ ok: true })
    const entries = await district.outbox.where('findingId').equals(sheet.orderId).toArray()
    expect(entries.map((e) => e.mutation.type).sort()).toEqual(['rectification.start', 'rectification.submit'])
    expect(await district.drafts.get(`rectify:${sheet.orderId}`)).toBeUndefined()
    expect(await district.rectifications.get(sheet.orderId)).toMatchObject({ status: 'submitted', pending: 1, order: { afterPhotos: [after.sha256], rectificationNote: '已清理完毕' } })
    expect(await district.photos.get(after.sha256)).toMatchObject({ findingId: sheet.orderId, done: 0 })
    // Two steps and one photo wait.
    expect((await unsyncedSummary({ db: district })).count).toBe(3)

    // No network for photos: nothing is pushed ahead of them, and nothing is lost.
    const noPhotos: Transport = async (path, init) => {
      if (path.startsWith('/photos/')) throw new TypeError('fetch failed')
      return apiFetch(path, init)
    }
    const offline = await syncOnce({ db: district, transport: noPhotos, force: true })
    expect(offline).toMatchObject({ outcome: 'failed', error: { code: 'offline' } })
    expect(await district.outbox.count()).toBe(2)
    expect((await sheetOnServer(server, sheet.orderId)).status).toBe('new')

    const { transport, calls } = recording()
    const report = await syncOnce({ db: district, transport, force: true })
    expect(report).toMatchObject({ outcome: 'synced', applied: 2, rejected: 0 })
    const firstPut = calls.findIndex((c) => c.method === 'PUT' && c.path === `/photos/${after.sha256}`)
    const push = calls.findIndex((c) => c.path === '/sync/push')
    expect(firstPut).toBeGreaterThanOrEqual(0)
    expect(firstPut).toBeLessThan(push)
    const onServer = await sheetOnServer(server, sheet.orderId)
    expect(onServer).toMatchObject({ status: 'submitted', afterPhotos: [after.sha256], rectificationNote: '已清理完毕' })
    expect(await district.outbox.count()).toBe(0)
    expect((await unsyncedSummary({ db: district })).count).toBe(0)
    expect(await district.rectifications.get(sheet.orderId)).toMatchObject({ status: 'submitted', pending: 0, server: { status: 'submitted' } })
  })

  it('shows a step the server refuses with its reason and falls back to the server’s copy', async () => {
    // This device pulled the sheet while it was new, then went offline: it submits too.
    const second = await jpegPhoto(320, 240, 9)
    expect(await submitRectification({ orderId: sheet.orderId, photos: [second], note: '' }, { db: stale })).toMatchObject({ ok: true })
    // The answer comes, the pull does not: the sheet is back as this device last pulled it, with the reason.
    const noPull: Transport = async (path, init) => {
      if (path.startsWith('/sync/pull')) throw new TypeError('fetch failed')
      return apiFetch(path, init)
    }
    expect(await syncOnce({ db: stale, transport: noPull, force: true })).toMatchObject({ outcome: 'failed', rejected: 1 })
    const [refused] = await stale.outbox.toArray()
    expect(refused).toMatchObject({ status: 'rejected', findingId: sheet.orderId, rejection: { code: 'bad_status' } })
    let row = (await stale.rectifications.get(sheet.orderId))!
    expect(row.rejection?.zh).toContain('复查')
    expect(row).toMatchObject({ status: 'new', pending: 0, order: { status: 'new', afterPhotos: [] } })

    // The next pull brings the server's copy: the district's first submission, not this one; the reason stays.
    await pulled(stale)
    row = (await stale.rectifications.get(sheet.orderId))!
    expect(row).toMatchObject({ status: 'submitted', pending: 0, order: { afterPhotos: [after.sha256] }, rejection: { code: 'bad_status' } })
    // Nothing is unsynced (the refusal is answered), but the refusal stays until read.
    expect((await unsyncedSummary({ db: stale })).count).toBe(0)
    expect(await stale.outbox.where('status').equals('rejected').count()).toBe(1)
    await dismissSheetRejection(sheet.orderId, { db: stale })
    expect(await stale.outbox.count()).toBe(0)
    expect((await stale.rectifications.get(sheet.orderId))!.rejection).toBeUndefined()
  })

  it('gives the inspector a re-inspection task with the after-photo kept offline; a pass closes the sheet', async () => {
    await signInAs(server.url, 'zhangwei')
    const tablet = freshDb()
    await pulled(tablet)
    const rows = await tablet.rectifications.toArray()
    // Both sheets cover this inspector's findings; one waits for re-inspection.
    expect(rows.map((r) => r.id).sort()).toEqual([sheet.orderId, other.orderId].sort())
    expect(await tablet.tasks.get(sheet.orderId)).toMatchObject({ kind: 'reinspection', status: 'open', districtCode: '230103' })
    expect(await tablet.tasks.get(other.orderId)).toMatchObject({ status: 'done' })
    expect((await tablet.sheetPhotos.get(after.sha256))?.orderIds).toEqual([sheet.orderId])

    expect(await verifyRectification({ orderId: sheet.orderId, result: 'fail', note: '  ' }, { db: tablet })).toMatchObject({
      ok: false,
      error: { code: 'invalid', issues: [{ field: 'note' }] },
    })
    expect(await verifyRectification({ orderId: other.orderId, result: 'pass', note: '' }, { db: tablet })).toMatchObject({ ok: false, error: { code: 'wrong_status' } })

    const w = await verifyRectification({ orderId: sheet.orderId, result: 'pass', note: '已整改到位' }, { db: tablet, actorId: DEMO_USER_IDS.zhangwei })
    expect(w).toMatchObject({ ok: true })
    // Decided on the device: the task is done at once, the step waits in the same outbox.
    expect(await tablet.tasks.get(sheet.orderId)).toMatchObject({ status: 'done' })
    expect(await tablet.rectifications.get(sheet.orderId)).toMatchObject({ status: 'closed', pending: 1, order: { verification: { result: 'pass' } } })
    expect(await tablet.outbox.where('findingId').equals(sheet.orderId).count()).toBe(1)

    await pulled(tablet)
    expect(await sheetOnServer(server, sheet.orderId)).toMatchObject({ status: 'closed', verification: { result: 'pass', inspectorId: DEMO_USER_IDS.zhangwei, note: '已整改到位' } })
    expect(await tablet.rectifications.get(sheet.orderId)).toMatchObject({ status: 'closed', pending: 0 })
    // A closed sheet's photos are no longer kept for offline.
    expect(await tablet.sheetPhotos.get(after.sha256)).toBeUndefined()

    await signInAs(server.url, 'nangang')
    await pulled(district)
    expect(await district.rectifications.get(sheet.orderId)).toMatchObject({ status: 'closed', order: { verification: { result: 'pass' } } })
    expect(await district.sheetPhotos.get(sheet.beforePhoto)).toBeUndefined()
  })
})

describe('a failed re-inspection', () => {
  it('counts as rework: the sheet goes back to the district in progress with a new deadline and the inspector’s note', async () => {
    const third = await issueSheet(server, '230103', 3)
    await signInAs(server.url, 'nangang')
    const phone = freshDb()
    await pulled(phone)
    const photo = await jpegPhoto(320, 240, 11)
    expect(await submitRectification({ orderId: third.orderId, photos: [photo], note: '' }, { db: phone })).toMatchObject({ ok: true })
    await pulled(phone)

    await signInAs(server.url, 'zhangwei')
    const tablet = freshDb()
    await pulled(tablet)
    expect(await tablet.tasks.get(third.orderId)).toMatchObject({ status: 'open' })
    const before = (await tablet.rectifications.get(third.orderId))!.deadline
    expect(await verifyRectification({ orderId: third.orderId, result: 'fail', note: '路面仍有垃圾' }, { db: tablet, actorId: DEMO_USER_IDS.zhangwei })).toMatchObject({ ok: true })
    expect(await tablet.rectifications.get(third.orderId)).toMatchObject({ status: 'in_progress', pending: 1, order: { reworkCount: 1 } })
    expect(await tablet.tasks.get(third.orderId)).toMatchObject({ status: 'done' })
    await pulled(tablet)
    const onServer = await sheetOnServer(server, third.orderId)
    expect(onServer).toMatchObject({ status: 'in_progress', reworkCount: 1, verification: { result: 'fail', note: '路面仍有垃圾' } })
    expect(Date.parse(onServer.deadline)).toBeGreaterThan(Date.now())
    expect(await tablet.rectifications.get(third.orderId)).toMatchObject({ status: 'in_progress', pending: 0, deadline: onServer.deadline })
    expect(before).toBe(third.deadline)

    // Back on the district's phone: to rectify again.
    await signInAs(server.url, 'nangang')
    await pulled(phone)
    expect(await phone.rectifications.get(third.orderId)).toMatchObject({ status: 'in_progress', order: { verification: { result: 'fail' } } })
    const again = await jpegPhoto(320, 240, 12)
    expect(await submitRectification({ orderId: third.orderId, photos: [again], note: '已返工' }, { db: phone })).toMatchObject({ ok: true })
    await pulled(phone)
    expect(await sheetOnServer(server, third.orderId)).toMatchObject({ status: 'submitted', afterPhotos: [again.sha256] })
  })
})
