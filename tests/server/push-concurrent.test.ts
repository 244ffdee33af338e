// Two devices of one inspector edit different fields of one finding at the same moment: both edits survive. On
// PostgreSQL each push reads the finding under a row lock, so the later one merges into the earlier one's result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushResponse } from '@shared/sync/protocol'
import { DIALECTS } from '../support/databases'
import { testApp, type SignedIn, type TestApp } from '../support/app'
import { create, finding, hlc, update } from '../support/fixtures'

describe.each(DIALECTS)('concurrent pushes on %s', (dialect) => {
  let t: TestApp
  let tablet: SignedIn
  let phone: SignedIn

  beforeAll(async () => {
    t = await testApp(dialect)
    tablet = await t.login('zhangwei', 'device-tablet')
    phone = await t.login('zhangwei', 'device-phone')
  })
  afterAll(async () => t?.close())

  async function push(who: SignedIn, mutations: unknown[]): Promise<PushResponse> {
    const res = await t.app.request('/api/sync/push', {
      method: 'POST',
      headers: who.headers,
      body: JSON.stringify({ deviceId: who.deviceId, mutations }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as PushResponse
  }

  it('keeps both of two simultaneous edits to different fields, every time', async () => {
    const rounds = 12
    const findings = Array.from({ length: rounds }, () => finding(tablet.user.id))
    const created = await push(tablet, findings.map((f) => create(f)))
    expect(created.results.every((r) => r.status === 'applied')).toBe(true)

    await Promise.all(
      findings.map((f, i) =>
        Promise.all([
          push(tablet, [update(f.id, { street: `中山路 ${i} 号` }, hlc('device-tablet', Date.parse('2026-11-21T01:00:00Z')))]),
          push(phone, [update(f.id, { note: `补充说明 ${i}` }, hlc('device-phone', Date.parse('2026-11-21T01:00:00Z')))]),
        ]),
      ),
    )

    const rows = await t.db.kysely.selectFrom('findings').select(['id', 'street', 'note']).where('id', 'in', findings.map((f) => f.id)).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    findings.forEach((f, i) => {
      expect(byId.get(f.id)).toMatchObject({ street: `中山路 ${i} 号`, note: `补充说明 ${i}` })
    })
  })
})
