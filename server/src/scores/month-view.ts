// A month's scores as one reader sees them: the frozen published result when there is one (and whether the
// stored inputs have moved since), otherwise the result computed live; each says which it is.
import type { Name } from '@shared/domain'
import type { Publication, Unconfirmed } from '@shared/api/scores'
import { computeMonth, type MonthResult, type ScoringMode } from '@shared/scoring'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Queryable } from '../db/schema'
import { isBureau, mayRead, resultFor } from './access'
import { scoring } from './engine-error'
import { loadMonthData, monthInput, requirePolicy, type MonthData } from './month-data'
import { checkPublished } from './published-check'
import { publishedMonth, type PublishedMonth } from './published'
import { snapshot } from './snapshot'

export type { Publication, Unconfirmed }

export interface ScoredMonth {
  result: MonthResult
  /** Per district, in preliminary mode; empty in published mode, which counts confirmed findings only. */
  unconfirmed: Unconfirmed[]
}

export interface MonthView extends ScoredMonth {
  month: string
  /** The month's publication, whichever result is shown. */
  published: Publication | null
  /** `frozen`: the published result as stored; `live`: computed now from the stored inputs. */
  source: 'frozen' | 'live'
  note: { zh: string; en: string }
  /** Set on a frozen result: the inputs that count (or the policy in force) differ from those frozen. */
  changedSincePublished?: boolean
  /** With changedSincePublished: the preliminary result of today's inputs, beside the frozen one. */
  current?: ScoredMonth
  districtNames: Record<string, Name>
}

export function publication(pub: PublishedMonth): Publication {
  return { policyVersion: pub.policyVersion, inputHash: pub.inputHash, publishedAt: pub.publishedAt, publishedBy: pub.publishedBy }
}

function unconfirmedIn(result: MonthResult, data: MonthData): Unconfirmed[] {
  if (result.mode === 'published') return []
  const status = new Map<string, string>()
  for (const f of data.findings) if (f.status === 'submitted' || f.status === 'sent_back') status.set(f.id, f.status)
  return result.districts.map((d) => {
    const out: Unconfirmed = { districtCode: d.districtCode, submitted: 0, sentBack: 0 }
    for (const line of d.professional.lines) {
      for (const item of line.items) {
        for (const id of item.findingIds) {
          const s = status.get(id)
          if (s === 'submitted') out.submitted++
          else if (s === 'sent_back') out.sentBack++
        }
      }
    }
    return out
  })
}

/** The month computed now from the loaded inputs, for the user's eyes only. */
export function scoreLive(data: MonthData, mode: ScoringMode, user: AuthUser): ScoredMonth {
  const result = scoring(() => computeMonth(monthInput(data, mode, requirePolicy(data))))
  return { result: resultFor(user, result), unconfirmed: unconfirmedIn(result, data).filter((u) => mayRead(user, u.districtCode)) }
}

function liveNote(scored: ScoredMonth): MonthView['note'] {
  if (scored.result.mode === 'preliminary') {
    const n = scored.unconfirmed.reduce((s, u) => s + u.submitted + u.sentBack, 0)
    return {
      zh: `初步结果：含 ${n} 条尚未确认（已提交或退回）的扣分，以发布结果为准`,
      en: `Preliminary: counts ${n} findings not yet confirmed (submitted or sent back); the published result is the one that counts`,
    }
  }
  return { zh: '按发布口径试算（只计已确认的扣分）；本月尚未发布', en: 'Computed as it would be published (confirmed findings only); the month is not published yet' }
}

function frozenNote(pub: PublishedMonth, changed: boolean): MonthView['note'] {
  const day = pub.publishedAt.slice(0, 10)
  return {
    zh: `已发布（${day}，评分办法第 ${pub.policyVersion} 版），只计已确认的扣分` + (changed ? '；发布后输入已有变化，当前初步结果见 current' : ''),
    en:
      `Published on ${day} under policy version ${pub.policyVersion}; confirmed findings only` +
      (changed ? '. The inputs have changed since: the current preliminary result is beside it' : ''),
  }
}

/** Builds the view inside an open snapshot; `mode` forces a live result of that mode, or the frozen one for `published`. */
export async function monthViewIn(db: Queryable, month: string, user: AuthUser, mode?: ScoringMode): Promise<MonthView> {
  const data = await loadMonthData(db, month)
  const pub = await publishedMonth(db, month)
  const districtNames = Object.fromEntries(data.districts.map((d) => [d.code, d.name]))
  if (pub && mode !== 'preliminary') {
    const check = await checkPublished(db, pub, data)
    // The bureau is told when anything counted in the month moved; a district user only when their own row
    // would come out differently, so that nothing about another district reaches them.
    const changed = check.policyChanged || (isBureau(user) ? !check.inputHashMatches : check.changedDistricts.some((code) => mayRead(user, code)))
    const current = changed && data.policyInForce ? scoreLive(data, 'preliminary', user) : undefined
    return {
      month,
      published: publication(pub),
      source: 'frozen',
      note: frozenNote(pub, changed),
      result: resultFor(user, pub.result),
      unconfirmed: [],
      changedSincePublished: changed,
      ...(current ? { current } : {}),
      districtNames,
    }
  }
  const live = scoreLive(data, mode ?? 'preliminary', user)
  return { month, published: pub ? publication(pub) : null, source: 'live', note: liveNote(live), ...live, districtNames }
}

export function monthView(db: Db, month: string, user: AuthUser, mode?: ScoringMode): Promise<MonthView> {
  return snapshot(db, (tx) => monthViewIn(tx, month, user, mode))
}
