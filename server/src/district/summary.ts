// The district's own page in one answer: this month's score (preliminary until published) and its lines, what pulls
// it down most, the funding at risk, and the sheets still open, nearest deadline first — so that a clerk knows what
// to fix first. Every number is the score view's (scores/district-view.ts), not computed again here.
import { LINE_NAMES, type Line, type Name, type RectificationStatus } from '@shared/domain'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import { listOrders } from '../rectification/orders.repo'
import { FINISHED } from '../rectification/workflow'
import { listChecklists } from '../repos/reference.repo'
import { districtView, type DistrictView } from '../scores/district-view'

/** How many of the biggest deductions the page lists. */
export const TOP_DEDUCTIONS = 5
/** The item code under which a line's overdue-rectification penalties are listed beside checklist items. */
export const OVERDUE_ITEM = 'overdue'
const OVERDUE_NAME: Name = { zh: '整改逾期', en: 'Overdue rectification' }

export interface DistrictSummary {
  month: string
  districtCode: string
  districtName: Name
  /** True while the month is not published: the numbers may still change. */
  preliminary: boolean
  source: DistrictView['source']
  note: Name
  /** Points, to 0.01 (the figure funding follows). */
  composite: string
  /** Points, to 0.001. */
  professional: string
  /** score: points to 0.001; deducted: thousandths of a point (items after their caps, plus overdue penalties). */
  lines: { line: Line; lineName: Name; score: string; deducted: number }[]
  /** Points, to 0.001. */
  social: { complaints: string; media: string; survey: string }
  /** deducted: thousandths of a point, after the item's cap; findings: how many (for overdue penalties, rounds). */
  topDeductions: { itemCode: string; itemName: Name; line: Line; deducted: number; findings: number }[]
  /** Fen, over the district's funded lines. */
  funding: { atStake: number; paid: number; withheld: number }
  openSheets: { id: string; number: string; status: RectificationStatus; deadline: string; findingCount: number }[]
}

/** What the numbers are, said of this district alone (the month view's note speaks of every district it shows). */
function noteFor(view: DistrictView): Name {
  if (view.source === 'frozen' && view.published) {
    const day = view.published.publishedAt.slice(0, 10)
    const moved = view.current !== undefined && JSON.stringify(view.current.result) !== JSON.stringify(view.result)
    return {
      zh: `已发布（${day}，评分办法第 ${view.published.policyVersion} 版），只计已确认的扣分` + (moved ? '；发布后本区的输入已有变化' : ''),
      en: `Published on ${day} under policy version ${view.published.policyVersion}; confirmed findings only` + (moved ? "; this district's inputs have changed since" : ''),
    }
  }
  if (view.mode === 'published') {
    return { zh: '按发布口径试算（只计已确认的扣分）；本月尚未发布', en: 'Computed as it would be published (confirmed findings only); the month is not published yet' }
  }
  const n = (view.unconfirmed?.submitted ?? 0) + (view.unconfirmed?.sentBack ?? 0)
  return {
    zh: `初步结果：含本区 ${n} 条尚未确认（已提交或退回）的扣分，以发布结果为准`,
    en: `Preliminary: counts ${n} of the district's findings not yet confirmed (submitted or sent back); the published result is the one that counts`,
  }
}

/** The caller has checked that the user may read the district and that it exists. */
export async function districtSummary(db: Db, user: AuthUser, code: string, name: Name, month: string): Promise<DistrictSummary> {
  const view = await districtView(db, month, code, name, user)
  const r = view.result
  const items = new Map<string, Name>()
  for (const c of await listChecklists(db.kysely)) for (const i of c.items) items.set(`${c.id}@${c.version}/${i.code}`, i.name)

  const deductions: DistrictSummary['topDeductions'] = []
  for (const l of r.professional.lines) {
    for (const i of l.items) {
      if (i.counted <= 0) continue
      deductions.push({
        itemCode: i.itemCode,
        itemName: items.get(`${i.checklistId}@${i.checklistVersion}/${i.itemCode}`) ?? { zh: i.itemCode, en: i.itemCode },
        line: l.line,
        deducted: i.counted,
        findings: i.findingIds.length,
      })
    }
    if (l.penaltiesDeducted > 0) {
      deductions.push({ itemCode: OVERDUE_ITEM, itemName: OVERDUE_NAME, line: l.line, deducted: l.penaltiesDeducted, findings: l.penalties.length })
    }
  }
  deductions.sort((a, b) => b.deducted - a.deducted || a.line.localeCompare(b.line) || a.itemCode.localeCompare(b.itemCode))

  // The district's rows of the funding table (scores/funding-table.ts), summed.
  const fen = (k: 'atStakeFen' | 'paidFen' | 'withheldFen') => r.funding.reduce((s, f) => s + f[k], 0)
  const open = (await listOrders(db.kysely, { districtCode: code })).filter((o) => !FINISHED.includes(o.status))

  return {
    month,
    districtCode: code,
    districtName: name,
    preliminary: view.mode === 'preliminary',
    source: view.source,
    note: noteFor(view),
    composite: r.composite.display,
    professional: r.professional.display,
    lines: r.professional.lines.map((l) => ({
      line: l.line,
      lineName: LINE_NAMES[l.line],
      score: l.display,
      deducted: l.itemsDeducted + l.penaltiesDeducted,
    })),
    social: { complaints: r.social.complaints.score.display, media: r.social.media.display, survey: r.social.survey.display },
    topDeductions: deductions.slice(0, TOP_DEDUCTIONS),
    funding: { atStake: fen('atStakeFen'), paid: fen('paidFen'), withheld: fen('withheldFen') },
    openSheets: open.map((o) => ({ id: o.id, number: o.number, status: o.status, deadline: o.deadline, findingCount: o.findingIds.length })),
  }
}
