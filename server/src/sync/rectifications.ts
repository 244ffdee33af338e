// Applying the rectification mutations: the district starts and submits its work on a sheet (after-photos and a
// note), an inspector re-inspects a submitted sheet (pass closes it, fail is rework and reopens it with a new
// deadline). A sheet belongs to its district: only that district's users rectify it; re-inspection is the
// inspectors'. Each change logs the sheet as devices pull it, with the fields as they were, and queues the
// district's WeCom message in the same transaction.
import type { RectificationOrder, RectificationStatus } from '@shared/domain'
import type { RectificationSubmit, RectificationVerify } from '@shared/sync/protocol'
import { queueNotice, type DistrictNotice } from '../notify'
import { changedFields, pulledSheet, sheetChange } from '../rectification/pulled'
import { deadlineRound, deadlineRoundDue, reworkDeadline, roundsAdded, transition } from '../rectification/workflow'
import type { PushContext } from './push-context'
import { reject } from './reject'

const STATUS_WORDS: Record<RectificationStatus, { zh: string; en: string }> = {
  new: { zh: '新交办', en: 'new' },
  in_progress: { zh: '整改中', en: 'in progress' },
  submitted: { zh: '已提交整改、待复查', en: 'submitted and awaiting re-inspection' },
  verified: { zh: '已复查', en: 'verified' },
  overdue: { zh: '已逾期', en: 'overdue' },
  closed: { zh: '已办结', en: 'closed' },
}

function badStatus(order: RectificationOrder, zhWhat: string, enWhat: string): never {
  const s = STATUS_WORDS[order.status]
  return reject('bad_status', `交办单 ${order.number} 当前为“${s.zh}”，${zhWhat}`, `sheet ${order.number} is ${s.en}: ${enWhat}`)
}

/** Only the sheet's own district rectifies it. */
function checkDistrict(ctx: PushContext, order: RectificationOrder): void {
  if (ctx.user.role !== 'district') reject('forbidden', '只有区级用户可以办理整改', `only district users rectify sheets; you are signed in as ${ctx.user.role}`)
  if (ctx.user.districtCode !== order.districtCode) {
    reject('other_district', `交办单 ${order.number} 属于其他区，只能办理本区的交办单`, `sheet ${order.number} belongs to another district; you may rectify only your own district's sheets`)
  }
}

/** Reads, decides, writes (again if another writer got there first), then logs the change and queues messages. */
async function applyTo(
  ctx: PushContext,
  orderId: string,
  mutationId: string,
  decide: (order: RectificationOrder, now: number) => RectificationOrder | undefined,
  notices: (before: RectificationOrder, after: RectificationOrder) => DistrictNotice[] = () => [],
): Promise<void> {
  const now = Date.parse(ctx.at)
  const { before, after } = await transition(ctx.db, orderId, ctx.at, (read) => {
    if (!read) return reject('not_found', '找不到该交办单', `there is no sheet ${orderId}`)
    return decide(read.order, now)
  })
  if (!before || !after) return
  const names = (id: string, version: number, code: string) => ctx.ref.item(id, version, code)?.item.name
  ctx.change({ ...sheetChange(await pulledSheet(ctx.db, after, names), changedFields(before, after)), mutationId })
  const overdue = roundsAdded(before, after).map((r): DistrictNotice => ({ kind: 'overdue', orderId, round: r.round }))
  for (const n of [...overdue, ...notices(before, after)]) await queueNotice(ctx.db, n, now)
}

/** The district begins work on a new sheet. On a sheet already in hand (or overdue) it changes nothing. */
export async function startRectification(ctx: PushContext, p: { orderId: string }, mutationId: string): Promise<void> {
  await applyTo(ctx, p.orderId, mutationId, (order) => {
    checkDistrict(ctx, order)
    if (order.status === 'new') return { ...order, status: 'in_progress' }
    if (order.status === 'in_progress' || order.status === 'overdue') return undefined
    return badStatus(order, '不能再开始整改', 'there is nothing to start')
  })
}

/**
 * The district reports the sheet rectified. Submitted after its deadline (with the deadline not yet counted, e.g.
 * while the job was down), the missed deadline is counted first: late rectification is still overdue.
 */
export async function submitRectification(ctx: PushContext, p: RectificationSubmit, mutationId: string): Promise<void> {
  await applyTo(ctx, p.orderId, mutationId, (order, now) => {
    checkDistrict(ctx, order)
    if (order.status === 'submitted') return badStatus(order, '请等待复查结果', 'wait for the re-inspection')
    if (order.status !== 'new' && order.status !== 'in_progress' && order.status !== 'overdue') return badStatus(order, '不能再提交整改', 'it takes no more rectification')
    const rounds = deadlineRoundDue(order, now) ? [...order.overdueRounds, deadlineRound(order)] : order.overdueRounds
    return { ...order, status: 'submitted', afterPhotos: p.afterPhotos, rectificationNote: p.note, overdueRounds: rounds }
  })
}

/** An inspector's re-inspection: pass closes the sheet; fail counts as rework and reopens it with a new deadline. */
export async function verifyRectification(ctx: PushContext, p: RectificationVerify, mutationId: string): Promise<void> {
  if (ctx.user.role !== 'inspector') reject('forbidden', '只有考核员可以复查', `only inspectors re-inspect sheets; you are signed in as ${ctx.user.role}`)
  await applyTo(
    ctx,
    p.orderId,
    mutationId,
    (order, now) => {
      if (order.status !== 'submitted') return badStatus(order, '只有已提交整改的交办单可以复查', 'only a submitted sheet can be re-inspected')
      const verification = { result: p.result, inspectorId: ctx.user.id, at: ctx.at, note: p.note, photos: p.photos }
      if (p.result === 'pass') return { ...order, status: 'closed', verification }
      return {
        ...order,
        status: 'in_progress',
        deadline: reworkDeadline(order, now, ctx.ref.policy.timeZone),
        reworkCount: order.reworkCount + 1,
        verification,
      }
    },
    () => [{ kind: 'verified', orderId: p.orderId, result: p.result }],
  )
}
