// A month's scoring inputs read from storage: every record the engine may count for the month, loaded once
// per request and turned into a MonthInput for whichever mode and policy version the caller asks for.
import type { DistrictCode, FindingStatus, Line, Name, ScoringPolicy } from '@shared/domain'
import type {
  MonthInput,
  OverdueRoundInput,
  ScoringBudget,
  ScoringChecklist,
  ScoringComplaint,
  ScoringFinding,
  ScoringMedia,
  ScoringMode,
  ScoringSurvey,
} from '@shared/scoring'
import { addMonths } from '@shared/time'
import type { Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import { listChecklists, policyFor } from '../repos/reference.repo'

export interface DistrictInfo {
  code: DistrictCode
  name: Name
  group: string
}

export interface MonthData {
  month: string
  districts: DistrictInfo[]
  /** The newest policy version effective on or before the month; undefined when none is stored. */
  policyInForce: ScoringPolicy | undefined
  checklists: ScoringChecklist[]
  findings: ScoringFinding[]
  overdueRounds: OverdueRoundInput[]
  complaints: ScoringComplaint[]
  media: ScoringMedia[]
  surveys: ScoringSurvey[]
  budgets: ScoringBudget[]
}

/** Districts without their boundaries: scoring needs codes and names only. */
export async function listDistrictInfo(db: Queryable): Promise<DistrictInfo[]> {
  const rows = await db.selectFrom('districts').select(['code', 'name_zh', 'name_en', 'group_id']).orderBy('code').execute()
  return rows.map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, group: r.group_id }))
}

export async function policyVersion(db: Queryable, version: number): Promise<ScoringPolicy | undefined> {
  const row = await db.selectFrom('policies').select('body').where('version', '=', version).executeTakeFirst()
  return row ? JSON.parse(row.body) : undefined
}

/**
 * Date bounds (YYYY-MM-DD, compared as text against ISO instants) of the neighbouring months' rows that may
 * still belong to `month`. Rows are filed under the month of their instant in the zone in force when they
 * arrived; the engine decides by the policy's zone. Should the two ever differ (an administrator changes the
 * zone), a record within a day of the boundary can sit under the neighbouring month, so those edges are read
 * too and the engine's window picks. Offsets span −12 h … +14 h, so two days either side is enough; three are read.
 */
function edges(month: string): { prev: string; next: string; after: string; before: string } {
  const prev = addMonths(month, -1)
  const next = addMonths(month, 1)
  const day = (m: string, d: number) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, d)).toISOString().slice(0, 10)
  return { prev, next, after: day(month, 1 - 3), before: day(next, 1 + 3) }
}

const bool = (v: number | null): boolean | undefined => (v === null ? undefined : v === 1)

/**
 * Overdue rounds of sheets issued before `before` (YYYY-MM-DD): a round comes after its sheet's issue, so later sheets
 * cannot have one in the month; the engine keeps the rounds whose time falls in the month's window. Each penalty is
 * deducted in the line of the sheet's findings — of its first finding, should a sheet ever mix lines.
 */
async function loadOverdueRounds(db: Queryable, before: string): Promise<OverdueRoundInput[]> {
  const rows = await db
    .selectFrom('rectification_orders as o')
    .innerJoin('rectification_findings as rf', (j) => j.onRef('rf.order_id', '=', 'o.id').on('rf.position', '=', 0))
    .innerJoin('findings as f', 'f.id', 'rf.finding_id')
    .select(['o.id', 'o.district_code', 'o.overdue_rounds', 'f.line'])
    .where('o.overdue_rounds', '<>', '[]')
    .where('o.issued_at', '<', before)
    .execute()
  return rows.flatMap((r) =>
    (JSON.parse(r.overdue_rounds) as { round: number; at: string }[]).map((round) => ({
      orderId: r.id,
      districtCode: r.district_code,
      line: r.line as Line,
      round: round.round,
      at: round.at,
    })),
  )
}

/** Everything the engine reads for `month`. Run it inside a transaction to score one consistent snapshot. */
export async function loadMonthData(db: Queryable, month: string): Promise<MonthData> {
  const e = edges(month)
  const findingRows = await db
    .selectFrom('findings')
    .select(['id', 'checklist_id', 'checklist_version', 'item_code', 'line', 'district_code', 'deduction', 'recorded_at', 'status'])
    .where((eb) =>
      eb.or([
        eb('month', '=', month),
        eb.and([eb('month', '=', e.prev), eb('recorded_at', '>=', e.after)]),
        eb.and([eb('month', '=', e.next), eb('recorded_at', '<', e.before)]),
      ]),
    )
    .execute()
  const complaintRows = await db
    .selectFrom('complaints')
    .select(['id', 'district_code', 'received_at', 'accepted', 'handling_deadline', 'handled_at', 'satisfied'])
    .where((eb) =>
      eb.or([
        eb('month', '=', month),
        eb.and([eb('month', '=', e.prev), eb('received_at', '>=', e.after)]),
        eb.and([eb('month', '=', e.next), eb('received_at', '<', e.before)]),
      ]),
    )
    .execute()
  const mediaRows = await db.selectFrom('media_exposures').select(['id', 'district_code', 'month', 'deduction']).where('month', '=', month).execute()
  const surveyRows = await db.selectFrom('survey_scores').select(['district_code', 'month', 'score']).where('month', '=', month).execute()
  const budgetRows = await db.selectFrom('funding_budgets').select(['district_code', 'month', 'line', 'amount_fen']).where('month', '=', month).execute()
  // A granted appeal (申诉) takes its finding's deduction out of every score.
  const granted = new Set((await db.selectFrom('appeals').select('finding_id').where('status', '=', 'granted').execute()).map((r) => r.finding_id))
  const overdueRounds = await loadOverdueRounds(db, e.before)
  const checklists = await listChecklists(db)
  const districts = await listDistrictInfo(db)
  const policyInForce = await policyFor(db, month)

  return {
    month,
    districts,
    policyInForce,
    checklists: checklists.map((c) => ({ id: c.id, version: c.version, line: c.line, items: c.items.map((i) => ({ code: i.code, monthlyCap: i.monthlyCap })) })),
    findings: findingRows.filter((r) => !granted.has(r.id)).map((r) => ({
      id: r.id,
      checklistId: r.checklist_id,
      checklistVersion: r.checklist_version,
      itemCode: r.item_code,
      line: r.line as Line,
      districtCode: r.district_code,
      deduction: r.deduction,
      recordedAt: r.recorded_at,
      status: r.status as FindingStatus,
    })),
    overdueRounds,
    complaints: complaintRows.map((r) => {
      const c: ScoringComplaint = { id: r.id, districtCode: r.district_code, receivedAt: r.received_at }
      const accepted = bool(r.accepted)
      const satisfied = bool(r.satisfied)
      if (accepted !== undefined) c.accepted = accepted
      if (r.handling_deadline !== null) c.handlingDeadline = r.handling_deadline
      if (r.handled_at !== null) c.handledAt = r.handled_at
      if (satisfied !== undefined) c.satisfied = satisfied
      return c
    }),
    media: mediaRows.map((r) => ({ id: r.id, districtCode: r.district_code, month: r.month, deduction: r.deduction })),
    surveys: surveyRows.map((r) => ({ districtCode: r.district_code, month: r.month, score: r.score })),
    budgets: budgetRows.map((r) => ({ districtCode: r.district_code, month: r.month, line: r.line as Line, amountFen: Number(r.amount_fen) })),
  }
}

/** The engine's input for the loaded month, in a mode and under a policy version. */
export function monthInput(data: MonthData, mode: ScoringMode, policy: ScoringPolicy): MonthInput {
  return {
    month: data.month,
    mode,
    policy,
    districtCodes: data.districts.map((d) => d.code),
    checklists: data.checklists,
    findings: data.findings,
    overdueRounds: data.overdueRounds,
    complaints: data.complaints,
    media: data.media,
    surveys: data.surveys,
    budgets: data.budgets,
  }
}

/** The policy in force for the loaded month; a month without one cannot be scored. */
export function requirePolicy(data: MonthData): ScoringPolicy {
  if (!data.policyInForce) {
    throw new ApiError('conflict', `No scoring policy is in force for ${data.month}: an administrator must add one effective from that month or earlier`, {
      reason: 'no_policy',
      month: data.month,
    })
  }
  return data.policyInForce
}
