// The bureau decides an appeal: upheld (the deduction stands) or granted (the finding stops counting in every
// score). A grant records its effect, computed by the shared engine on the month as it stands: the deduction its
// line loses after the item's cap, and the district's composite before and after. Decisions of one month are made
// one at a time, so each effect is measured against the month with every earlier decision in it.
import { computeMonth, type MonthResult, type ScoringMode } from '@shared/scoring'
import type { Appeal, AppealDecision, AppealDecisionRequest, AppealEffect, Line } from '@shared/domain'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import type { ChangeNotice } from '../live/bus'
import { scoring } from '../scores/engine-error'
import { loadMonthData, monthInput, requirePolicy, type MonthData } from '../scores/month-data'
import { appendChanges } from '../sync/change-log'
import { getAppeal } from './appeals.repo'
import { lockFor } from './file'

export interface DecideOutcome {
  appeal: Appeal
  changed: boolean
  notices: ChangeNotice[]
}

function figures(result: MonthResult, districtCode: string, line: Line): { composite: string; deducted: number } {
  const d = result.districts.find((x) => x.districtCode === districtCode)
  const l = d?.professional.lines.find((x) => x.line === line)
  if (!d || !l) throw new ApiError('conflict', `District ${districtCode} has no ${line} line in the month's scores`, { reason: 'not_scored' })
  return { composite: d.composite.display, deducted: l.itemsDeducted }
}

/**
 * What granting removes, scored the way the month reads now: as published (confirmed findings only) once the month
 * is published, else preliminary. Findings of appeals granted before are out of both sides.
 */
export async function grantEffect(db: Queryable, appeal: Appeal, line: Line): Promise<AppealEffect> {
  const data = await loadMonthData(db, appeal.month)
  const granted = new Set(
    (await db.selectFrom('appeals').select('finding_id').where('status', '=', 'granted').where('month', '=', appeal.month).execute()).map((r) => r.finding_id),
  )
  const published = await db.selectFrom('published_months').select('month').where('month', '=', appeal.month).executeTakeFirst()
  const mode: ScoringMode = published ? 'published' : 'preliminary'
  const policy = requirePolicy(data)
  const score = (d: MonthData) => figures(scoring(() => computeMonth(monthInput(d, mode, policy))), appeal.districtCode, line)
  const before = { ...data, findings: data.findings.filter((f) => !granted.has(f.id)) }
  const after = { ...before, findings: before.findings.filter((f) => f.id !== appeal.findingId) }
  const b = score(before)
  const a = score(after)
  return { deductionRemoved: b.deducted - a.deducted, compositeBefore: b.composite, compositeAfter: a.composite }
}

const sameDecision = (a: Appeal, req: AppealDecisionRequest, user: AuthUser) => a.status === req.decision && a.decision?.by === user.id && a.decision.note === req.note

export async function decideAppeal(db: Db, user: AuthUser, id: string, req: AppealDecisionRequest, now = Date.now()): Promise<DecideOutcome> {
  const at = new Date(now).toISOString()
  return db.kysely.transaction().execute(async (tx) => {
    const first = await getAppeal(tx, id)
    if (!first) throw new ApiError('not_found', `There is no appeal ${id}`, { id })
    await lockFor(tx, db, `appeal-month:${first.month}`)
    // Read again under the lock: another decision may have committed while this one waited.
    const old = (await getAppeal(tx, id))!
    if (old.status !== 'pending') {
      if (sameDecision(old, req, user)) return { appeal: old, changed: false, notices: [] }
      throw new ApiError('conflict', `Appeal ${id} was already ${old.status} on ${old.decision?.at ?? '?'}`, { reason: 'already_decided', status: old.status })
    }
    const finding = await tx.selectFrom('findings').select('line').where('id', '=', old.findingId).executeTakeFirstOrThrow()
    const decision: AppealDecision = { by: user.id, at, note: req.note }
    if (req.decision === 'granted') decision.effect = await grantEffect(tx, old, finding.line as Line)
    const appeal: Appeal = { ...old, status: req.decision, decision }
    const r = await tx
      .updateTable('appeals')
      .set({ status: appeal.status, decision: JSON.stringify(decision), updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new ApiError('conflict', `Appeal ${id} was decided by someone else just now`, { reason: 'already_decided' })
    const notices = await appendChanges(
      tx,
      [{ entity: 'appeal', id, op: 'upsert', audience: 'district', districtCode: appeal.districtCode, data: appeal, old, actorId: user.id, deviceId: user.deviceId }],
      at,
    )
    return { appeal, changed: true, notices }
  })
}
