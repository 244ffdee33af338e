// Applying finding mutations. A finding is owned by its inspector: only they record, edit or void it
// (a supervisor may void too). Two devices editing one field converge on the later hybrid logical clock;
// the losing value stays in the change log. An edit after a supervisor's decision sends the finding back for re-review.
import type { Selectable } from 'kysely'
import type { Finding } from '@shared/domain'
import { FindingChanges } from '@shared/sync/protocol'
import { deductionFor } from '@shared/scoring'
import { districtAt } from '@shared/geo'
import type { FindingTable } from '../db/schema'
import { findingToRow, rowToFinding } from '../repos/findings.repo'
import type { PushContext } from './push-context'
import { reject } from './reject'

type Row = Selectable<FindingTable>

/** The fields an inspector may edit; each keeps the clock of its last accepted write. */
const EDITABLE = Object.keys(FindingChanges.shape)

const findingAudience = (f: Finding) =>
  ({ entity: 'finding', id: f.id, audience: 'owner', districtCode: f.districtCode, ownerId: f.inspectorId }) as const

/** Checks the item, the deduction, the district and the photos against reference data. */
function checkContent(ctx: PushContext, f: Finding): void {
  const found = ctx.ref.item(f.checklistId, f.checklistVersion, f.itemCode)
  if (!found) {
    reject('unknown_item', `检查表中没有条目 ${f.itemCode}（版本 ${f.checklistVersion}）`, `no item ${f.itemCode} in checklist version ${f.checklistVersion}`)
  }
  const { checklist, item } = found!
  if (checklist.line !== f.line) reject('wrong_line', `条目 ${f.itemCode} 不属于该专业`, `item ${f.itemCode} does not belong to line ${f.line}`)
  if ((item.unit === 'occurrence' || item.unit === 'time') && !Number.isInteger(f.quantity)) {
    reject('fractional_count', '按处或按次计的数量须为整数', 'a count per occurrence or per time must be a whole number')
  }
  const expected = deductionFor(f.quantity, item.deductionPerUnit)
  if (expected !== f.deduction) {
    reject('deduction_mismatch', `扣分应为 ${expected / 1000}，而不是 ${f.deduction / 1000}`, `deduction should be ${expected / 1000}, not ${f.deduction / 1000}`)
  }
  if (!ctx.ref.districtCodes.has(f.districtCode)) reject('unknown_district', `未知区划 ${f.districtCode}`, `unknown district ${f.districtCode}`)
  const located = districtAt(f.location, ctx.ref.districts)
  if (located !== f.districtCode && !f.districtOverrideReason) {
    reject(
      'district_mismatch',
      `位置在${located ?? '考核区域外'}，与所选区不符；如确需更改，请填写理由`,
      `the location lies in ${located ?? 'no assessed district'}, not ${f.districtCode}; give a reason to override`,
    )
  }
  if (item.photoRequired && f.photos.length === 0) reject('photo_required', `条目 ${f.itemCode} 须附照片`, `item ${f.itemCode} requires a photo`)
}

export async function createFinding(ctx: PushContext, f: Finding, mutationId: string, hlc: string): Promise<void> {
  if (ctx.user.role !== 'inspector') reject('forbidden', '只有考核员可以记录扣分', 'only inspectors record findings')
  if (f.inspectorId !== ctx.user.id) reject('not_owner', '只能以本人身份记录', 'a finding must be recorded under your own user id')
  if (f.status !== 'submitted') reject('bad_status', '新记录的状态须为“已提交”', 'a new finding must have status submitted')
  checkContent(ctx, f)
  if (ctx.pendingFindingIds.has(f.id) || ctx.existingIds.has(f.id)) {
    reject('exists', '该编号的扣分记录已存在', 'a finding with this id already exists')
  }
  const clock = Object.fromEntries(EDITABLE.map((k) => [k, hlc]))
  ctx.queueFinding({
    ...findingToRow(f, ctx.monthOf(f.recordedAt), ctx.at),
    field_clock: JSON.stringify(clock),
    clock_skew_ms: ctx.clockSkewMs,
  })
  ctx.change({ ...findingAudience(f), op: 'upsert', data: f, mutationId })
}

async function ownRow(ctx: PushContext, id: string, action: 'edit' | 'void'): Promise<Row> {
  const row = await ctx.findRow(id)
  if (!row) return reject('not_found', '找不到该扣分记录', 'no such finding')
  const supervisorMayVoid = action === 'void' && (ctx.user.role === 'supervisor' || ctx.user.role === 'admin')
  if (row.inspector_id !== ctx.user.id && !supervisorMayVoid) reject('not_owner', '只能修改本人的记录', 'only the inspector who recorded it may change it')
  if (row.status === 'voided') reject('voided', '该记录已作废，只有督查可恢复', 'the finding is void; only a supervisor can restore it')
  return row
}

export async function updateFinding(ctx: PushContext, id: string, changes: FindingChanges, mutationId: string, hlc: string): Promise<void> {
  const row = await ownRow(ctx, id, 'edit')
  const before = rowToFinding(row)
  const clock: Record<string, string> = JSON.parse(row.field_clock)
  const won: Record<string, unknown> = {}
  const lost: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(changes)) {
    // Last writer wins per field, by hybrid logical clock; the device id inside the clock breaks ties.
    if (!clock[field] || hlc > clock[field]) {
      won[field] = value
      clock[field] = hlc
    } else lost[field] = value
  }
  const after: Finding = { ...before, ...won } as Finding
  if ('quantity' in won || 'itemCode' in won || 'checklistVersion' in won) {
    const found = ctx.ref.item(after.checklistId, after.checklistVersion, after.itemCode)
    if (found) after.deduction = deductionFor(after.quantity, found.item.deductionPerUnit)
  }
  checkContent(ctx, after)
  const contentChanged = Object.keys(won).length > 0
  const reviewed = before.status === 'confirmed' || before.status === 'rejected' || before.status === 'sent_back'
  if (contentChanged && reviewed) after.status = 'submitted'
  const needsRereview = contentChanged && (before.status === 'confirmed' || before.status === 'rejected') ? 1 : row.needs_rereview
  await ctx.db
    .updateTable('findings')
    .set({
      ...findingToRow(after, ctx.monthOf(after.recordedAt), row.received_at),
      updated_at: ctx.at,
      field_clock: JSON.stringify(clock),
      needs_rereview: needsRereview,
    })
    .where('id', '=', id)
    .execute()
  ctx.forgetRow(id)
  ctx.change({
    ...findingAudience(after),
    op: 'upsert',
    data: after,
    old: { values: Object.fromEntries(Object.keys(won).map((k) => [k, (before as Record<string, unknown>)[k]])), superseded: lost, hlc },
    mutationId,
  })
}

export async function voidFinding(ctx: PushContext, id: string, reason: string, mutationId: string): Promise<void> {
  const row = await ownRow(ctx, id, 'void')
  const before = rowToFinding(row)
  await ctx.db.updateTable('findings').set({ status: 'voided', void_reason: reason, updated_at: ctx.at }).where('id', '=', id).execute()
  ctx.forgetRow(id)
  // A tombstone: the record stays, marked void, and pull tells devices to drop it.
  ctx.change({ ...findingAudience(before), op: 'delete', data: { ...before, status: 'voided' }, old: { status: before.status, reason }, mutationId })
}
