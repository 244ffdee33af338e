// Push and pull of 10,000 findings over loopback against the real server on SQLite, each compared with the raw
// database work it stands on, measured in the same run. A push stores three rows per finding — the finding, its
// change-log entry (what pull delivers and the audit trail) and the mutation's answer (what makes a replay
// idempotent) — so the push limit is inserting those same rows raw, with prepared statements, in one SQLite
// transaction, on a connection with the server's settings. The time for the finding rows alone is printed beside it.
// Both sides are warmed up once and then timed three times (each push into a fresh server); medians are compared.
// Pull is compared with selecting and JSON-encoding the rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Finding } from '@shared/domain'
import { DEMO_PASSWORD, DEMO_USER_IDS, SEED_CHECKLISTS, harbinDistrictCenters } from '@shared/seed'
import { deductionFor } from '@shared/scoring'
import { encodeHlc } from '@shared/sync/hlc'
import { uuidv7 } from '@shared/sync/ids'
import { openDatabase, openSqliteFile } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { findingToRow } from '../../server/src/repos/findings.repo'
import { startServer, type RunningServer } from '../../server/src/server'
import { seedIfEmpty } from '../../server/src/seed/seed'
import { median, type BenchResult } from './measure'

const N = 10_000
const BATCH = 500

function findings(): Finding[] {
  const center = harbinDistrictCenters()['230103']!
  const list = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!
  const item = list.items.find((i) => i.code === 'HW-03')!
  return Array.from({ length: N }, (_, i) => ({
    id: uuidv7(),
    checklistId: list.id,
    checklistVersion: list.version,
    itemCode: item.code,
    line: 'sanitation',
    quantity: 1 + (i % 3),
    deduction: deductionFor(1 + (i % 3), item.deductionPerUnit),
    location: { lat: center.lat + ((i % 50) - 25) * 1e-5, lng: center.lng + ((i % 70) - 35) * 1e-5, accuracy: 8 },
    districtCode: '230103',
    street: '红军街',
    note: i % 10 === 0 ? '门店外侧' : '',
    photos: ['a'.repeat(64)],
    inspectorId: DEMO_USER_IDS.zhangwei,
    deviceId: 'bench-tablet',
    recordedAt: '2026-11-20T09:30:00+08:00',
    status: 'submitted',
  }))
}

async function rawInsertMs(rows: Finding[], withLogs: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-bench-raw-'))
  const db = openDatabase({ dataDir: dir })
  await migrateToLatest(db.kysely)
  await seedIfEmpty(db.kysely, { timeZone: 'Asia/Shanghai', demoMonths: false })
  await db.close()
  // The server's own connection settings (WAL, foreign keys), so the limit does the same work the server must.
  const file = openSqliteFile(join(dir, 'kaoping.sqlite'))
  const at = new Date().toISOString()
  // The mutations' ids are the device's, made before it pushes: not part of the database's work.
  const mutationIds = rows.map(() => uuidv7())
  const t0 = performance.now()
  const values = rows.map((f) => findingToRow(f, '2026-11', at))
  const cols = Object.keys(values[0]!)
  const stmt = file.prepare(`insert into findings (${cols.join(',')}) values (${cols.map((c) => '@' + c).join(',')})`)
  const log = file.prepare(
    `insert into change_log (entity, entity_id, op, audience, district_code, owner_id, data, actor_id, device_id, mutation_id, at) values ('finding', ?, 'upsert', 'owner', ?, ?, ?, ?, ?, ?, ?)`,
  )
  const mutation = file.prepare(`insert into mutations (id, user_id, device_id, type, status, result, at) values (?, ?, ?, 'finding.create', 'applied', ?, ?)`)
  file.transaction(() => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!
      stmt.run(v)
      if (!withLogs) continue
      const m = mutationIds[i]!
      log.run(v.id, v.district_code, v.inspector_id, JSON.stringify(rows[i]), v.inspector_id, v.device_id, m, at)
      mutation.run(m, v.inspector_id, v.device_id, JSON.stringify({ status: 'applied', entity: { type: 'finding', id: v.id } }), at)
    }
  })()
  const ms = performance.now() - t0
  file.close()
  rmSync(dir, { recursive: true, force: true })
  return ms
}

const r = (x: number) => Math.round(x * 10) / 10

interface Pushed {
  server: RunningServer
  dataDir: string
  headers: Record<string, string>
  pushMs: number
}

/** A fresh server on an empty database, and the time to push `rows` to it in batches over loopback. */
async function pushAll(rows: Finding[]): Promise<Pushed> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-bench-sync-'))
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, seed: 'reference' })
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'zhangwei', password: DEMO_PASSWORD, deviceId: 'bench-tablet' }),
  })
  const { token } = (await login.json()) as { token: string }
  const headers = { authorization: `Bearer ${token}`, 'x-kaoping-device': 'bench-tablet', 'content-type': 'application/json' }
  const ms0 = Date.parse('2026-11-20T01:30:00Z')
  const mutations = rows.map((f, i) => ({ id: uuidv7(), type: 'finding.create', hlc: encodeHlc({ ms: ms0 + i, counter: 0, device: 'bench-tablet' }), payload: f }))

  const t0 = performance.now()
  for (let i = 0; i < N; i += BATCH) {
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ deviceId: 'bench-tablet', mutations: mutations.slice(i, i + BATCH) }),
    })
    const body = (await res.json()) as { results: { status: string }[] }
    if (body.results.some((r) => r.status !== 'applied')) throw new Error(`push not applied: ${JSON.stringify(body).slice(0, 300)}`)
  }
  return { server, dataDir, headers, pushMs: performance.now() - t0 }
}

async function dispose(p: Pushed): Promise<void> {
  await p.server.close()
  rmSync(p.dataDir, { recursive: true, force: true })
}

// Each side is run once to warm up and then RUNS times, each push into a fresh server; medians are compared.
const RUNS = 3

export default async function syncBench(): Promise<BenchResult[]> {
  const rows = findings()
  await dispose(await pushAll(rows))
  const pushTimes: number[] = []
  let last: Pushed | undefined
  for (let i = 0; i < RUNS; i++) {
    if (last) await dispose(last)
    last = await pushAll(findings())
    pushTimes.push(last.pushMs)
  }
  await rawInsertMs(rows, true)
  const rawTimes: number[] = []
  for (let i = 0; i < RUNS; i++) rawTimes.push(await rawInsertMs(findings(), true))
  const pushMs = median(pushTimes)
  const rawMs = median(rawTimes)
  console.log(`  (push runs ${pushTimes.map(r).join(', ')} ms; raw runs ${rawTimes.map(r).join(', ')} ms; the finding rows alone insert raw in ${r(await rawInsertMs(rows, false))} ms)`)

  const { server, headers } = last!
  try {
    const p0 = performance.now()
    let pulled = 0
    let cursor = ''
    for (;;) {
      const res = await fetch(`${server.url}/api/sync/pull?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, { headers })
      const body = (await res.json()) as { changes: { entity: string }[]; cursor: string; more: boolean }
      pulled += body.changes.filter((c) => c.entity === 'finding').length
      cursor = body.cursor
      if (!body.more) break
    }
    const pullMs = performance.now() - p0
    if (pulled !== N) throw new Error(`pulled ${pulled} findings, expected ${N}`)

    const r0 = performance.now()
    const raw = server.db.kysely
    const selected = await raw.selectFrom('findings').selectAll().execute()
    const encoded = JSON.stringify(selected)
    const rawReadMs = performance.now() - r0
    if (selected.length !== N || encoded.length === 0) throw new Error('raw read saw the wrong rows')

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
    return [
      { name: 'push-10k-findings', value: r(pushMs), unit: 'ms', limit: 'raw SQLite insert of the same rows in one transaction', limitValue: r(rawMs), ratio: ratio(pushMs, rawMs), target: 4 },
      { name: 'pull-10k-findings', value: r(pullMs), unit: 'ms', limit: 'raw select + JSON encode', limitValue: r(rawReadMs), ratio: ratio(pullMs, rawReadMs), target: 3 },
    ]
  } finally {
    await dispose(last!)
  }
}
