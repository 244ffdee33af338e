// Demo problem assignment sheets for `npm start`, so that a district user signs in to work waiting for them:
// 南岗 gets a new sheet, one in hand whose deadline is less than a day away, and one whose deadline passed three days
// ago unrectified (the deadline job counts it overdue on its first pass); 道里 gets a new one. Each is issued by the
// demo supervisor from last month's confirmed findings of one line, numbered and logged like a real issue.
import { randomUUID } from 'node:crypto'
import type { Line, RectificationOrder, RectificationStatus } from '@shared/domain'
import { DEMO_USER_IDS } from '@shared/seed'
import { addMonths, dateOf, monthOf } from '@shared/time'
import type { Queryable } from '../db/schema'
import { appendChanges } from '../sync/change-log'
import { insertOrder } from '../rectification/orders.repo'
import { pulledSheet, sheetChange } from '../rectification/pulled'
import { DEFAULT_SHEET_PREFIX, nextSheetSeq, sheetNumber } from '../rectification/sheet-number'
import { localIso } from '../rectification/workflow'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const REQUIREMENTS: Record<Line, string> = {
  sanitation: '立即清理暴露垃圾和积存杂物，落实路段保洁责任，整改后上传同一位置的整改后照片。',
  landscaping: '补植缺株、清理绿地内垃圾杂物，修剪影响通行的枝条，整改后上传整改后照片。',
  roads: '修补破损路面和人行道板，补齐缺失的井盖和设施，设置安全警示，整改后上传整改后照片。',
  appearance: '拆除违规设置的广告牌匾，清理乱贴乱画，规范店外经营，整改后上传整改后照片。',
  enforcement: '依法查处违法行为并建立台账，落实长效管控措施，整改后上传处理材料和照片。',
}

interface Plan {
  districtCode: string
  status: RectificationStatus
  issuedAgoMs: number
  /** Deadline at 18:00 local this many days after now, or `deadlineInMs` from now when given. */
  deadlineDays?: number
  deadlineInMs?: number
  findings: number
}

const PLANS: Plan[] = [
  { districtCode: '230103', status: 'new', issuedAgoMs: 20 * HOUR, deadlineDays: 4, findings: 3 },
  { districtCode: '230103', status: 'in_progress', issuedAgoMs: 4 * DAY, deadlineInMs: 20 * HOUR, findings: 2 },
  { districtCode: '230103', status: 'in_progress', issuedAgoMs: 10 * DAY, deadlineDays: -3, findings: 2 },
  { districtCode: '230102', status: 'new', issuedAgoMs: 1 * DAY, deadlineDays: 5, findings: 2 },
]

/** Seeds the demo sheets inside the seeding transaction; returns how many were issued. */
export async function seedDemoSheets(tx: Queryable, now: number, timeZone: string): Promise<number> {
  const lastMonth = addMonths(monthOf(now, timeZone), -1)
  const used = new Set<string>()
  let issued = 0
  for (const plan of PLANS) {
    const rows = await tx
      .selectFrom('findings')
      .select(['id', 'line'])
      .where('district_code', '=', plan.districtCode)
      .where('month', '=', lastMonth)
      .where('status', '=', 'confirmed')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute()
    // The line with the most findings not on a sheet yet, and its first few of them.
    const free = rows.filter((r) => !used.has(r.id))
    const byLine = new Map<string, string[]>()
    for (const r of free) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r.id])
    const [line, ids] = [...byLine].sort((a, b) => b[1].length - a[1].length)[0] ?? []
    if (!line || !ids) continue
    const findingIds = ids.slice(0, plan.findings)
    for (const id of findingIds) used.add(id)

    const issuedMs = Math.floor((now - plan.issuedAgoMs) / 60_000) * 60_000
    const offset = localIso(now, timeZone).slice(19)
    const deadline =
      plan.deadlineInMs !== undefined
        ? localIso(Math.ceil((now + plan.deadlineInMs) / 60_000) * 60_000, timeZone)
        : `${dateOf(now + plan.deadlineDays! * DAY, timeZone)}T18:00:00${offset}`
    const month = monthOf(issuedMs, timeZone)
    const issuedAt = new Date(issuedMs).toISOString()
    const order: RectificationOrder = {
      id: randomUUID(),
      number: sheetNumber(DEFAULT_SHEET_PREFIX, month, await nextSheetSeq(tx, month)),
      districtCode: plan.districtCode,
      findingIds,
      requirements: REQUIREMENTS[line as Line],
      deadline,
      issuedBy: DEMO_USER_IDS.lina,
      issuedAt,
      status: 'new',
      afterPhotos: [],
      rectificationNote: '',
      reworkCount: 0,
      overdueRounds: [],
    }
    await insertOrder(tx, order, month, issuedAt)
    await appendChanges(tx, [{ ...sheetChange(await pulledSheet(tx, order)), actorId: DEMO_USER_IDS.lina }], issuedAt)
    if (plan.status !== 'new') {
      // The district took it in hand a day after it was issued.
      const startedAt = new Date(issuedMs + DAY).toISOString()
      const started: RectificationOrder = { ...order, status: plan.status }
      await tx.updateTable('rectification_orders').set({ status: plan.status, updated_at: startedAt }).where('id', '=', order.id).execute()
      const district = plan.districtCode === '230103' ? DEMO_USER_IDS.nangang : DEMO_USER_IDS.daoli
      await appendChanges(tx, [{ ...sheetChange(await pulledSheet(tx, started), { status: order.status }), actorId: district }], startedAt)
    }
    issued++
  }
  return issued
}
