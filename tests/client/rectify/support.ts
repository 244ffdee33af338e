// What the rectification client tests share beyond the sync tests' support: signing this device in as any demo
// user (the district's clerk, the inspector), and a sheet issued by the bureau on the real server from a finding
// the inspector recorded with a real photo and the supervisor confirmed.
import { randomUUID } from 'node:crypto'
import type { RectificationOrder } from '@shared/domain'
import { DEMO_PASSWORD, harbinDistrictCenters } from '@shared/seed'
import { encodeHlc } from '@shared/sync/hlc'
import { deviceId, saveSession } from '../../../client/src/features/auth/session'
import { finding as fixtureFinding } from '../../support/fixtures'
import { INSPECTOR_ID, jpegPhoto, pushAsSupervisor, reviewMutation, type TestServer } from '../sync/support'

export const DAY = 86_400_000

/** Signs this device in as `username`, as the app does (the session kept in the app's database). */
export async function signInAs(url: string, username: string): Promise<void> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId: await deviceId() }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const { token, expiresAt, user } = (await res.json()) as Parameters<typeof saveSession>[0] & object
  await saveSession({ token, expiresAt, user })
}

/** A deadline `days` ahead, with the city's offset as the supervisor's browser writes it. */
export function deadlineIn(days: number): string {
  const d = new Date(Date.now() + days * DAY + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 10)}T18:00:00+08:00`
}

export interface IssuedSheet {
  orderId: string
  findingId: string
  /** The finding's before-photo, on the server. */
  beforePhoto: string
  deadline: string
}

/** The inspector records a finding in `districtCode` with an uploaded photo, the supervisor confirms it and issues a
 *  sheet for it. */
export async function issueSheet(server: TestServer, districtCode = '230103', seed = 1): Promise<IssuedSheet> {
  const zhangwei = await server.as('zhangwei')
  const photo = await jpegPhoto(320, 240, seed)
  const put = await zhangwei.call(`/photos/${photo.sha256}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(photo.bytes) })
  if (put.status >= 300) throw new Error(`photo: ${put.status} ${await put.text()}`)
  const centre = harbinDistrictCenters()[districtCode]!
  const f = fixtureFinding(INSPECTOR_ID, {
    deviceId: zhangwei.device,
    districtCode,
    location: { lat: centre.lat, lng: centre.lng, accuracy: 8 },
    photos: [photo.sha256],
    recordedAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  const hlc = encodeHlc({ ms: Date.now(), counter: 0, device: zhangwei.device })
  const created = await zhangwei.call('/sync/push', {
    method: 'POST',
    body: JSON.stringify({ deviceId: zhangwei.device, mutations: [{ id: randomUUID(), type: 'finding.create', hlc, payload: f }] }),
  })
  const results = ((await created.json()) as { results: { status: string; reason?: unknown }[] }).results
  if (results[0]?.status !== 'applied') throw new Error(`finding: ${JSON.stringify(results)}`)
  const reviewed = await pushAsSupervisor(server, [reviewMutation(f.id, 'confirm')])
  if (reviewed[0]?.status !== 'applied') throw new Error(`review: ${JSON.stringify(reviewed)}`)
  const lina = await server.as('lina')
  const orderId = randomUUID()
  const deadline = deadlineIn(3)
  const issued = await lina.call('/rectifications', {
    method: 'POST',
    body: JSON.stringify({ id: orderId, findingIds: [f.id], requirements: '清理路面垃圾，恢复整洁', deadline }),
  })
  if (issued.status !== 201) throw new Error(`issue: ${issued.status} ${await issued.text()}`)
  return { orderId, findingId: f.id, beforePhoto: photo.sha256, deadline }
}

/** The sheet as the server holds it. */
export async function sheetOnServer(server: TestServer, orderId: string) {
  const lina = await server.as('lina')
  const res = await lina.call(`/rectifications/${orderId}`)
  if (res.status !== 200) throw new Error(`sheet: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { order: RectificationOrder }).order
}
