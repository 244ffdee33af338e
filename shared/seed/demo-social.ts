// The "3" of the demo month: citizens' complaints (随手拍), media exposures, survey-team scores; and the budgets that
// funding is computed from.
import type { District } from '../domain/district.schema'
import { FUNDED_LINES, type Line } from '../domain/line.schema'
import type { FundingBudget } from '../domain/policy.schema'
import type { Complaint, MediaExposure, SurveyScore } from '../domain/social.schema'
import type { LatLng } from '../geo/lat-lng'
import { samplePoint } from './demo-findings'
import type { DistrictProfile } from './demo-profiles'
import { daysInMonth, HOUR, isDaytime, isoLocal, MINUTE, nextDaytime, wallClock } from './demo-time'
import type { Rng } from './prng'
import { DEMO_USER_IDS } from './users'

const CATEGORIES: [string, string[]][] = [
  ['暴露垃圾', ['路边垃圾堆了好几天没人清理', '垃圾箱满了，垃圾散落一地']],
  ['占道经营', ['早市摊位占满人行道，行人只能走机动车道', '商贩在路口摆摊，影响通行']],
  ['道路积水', ['雨后路面积水很深，车辆通过溅到行人', '雨水口堵了，积水排不出去']],
  ['路灯不亮', ['整条路的路灯晚上都不亮，出行不安全', '小区门口路灯坏了很久']],
  ['井盖缺失', ['人行道上井盖丢了，很危险', '井盖破损下陷，车辆经过有响声']],
  ['积雪未清', ['人行道积雪结冰，老人孩子容易滑倒', '下雪好几天了路面还没清出来']],
  ['非法小广告', ['楼道和电线杆上贴满小广告', '墙上喷涂的办证电话一直没清除']],
  ['施工扰民', ['工地渣土车不苫盖，道路遗撒严重', '施工围挡倒了没人管']],
]

/** Complaints about snow only in winter, about standing water only outside it. */
function categoriesFor(month: number): [string, string[]][] {
  const winter = [11, 12, 1, 2, 3].includes(month)
  return CATEGORIES.filter(([c]) => (c === '积雪未清' ? winter : c === '道路积水' ? !winter : true))
}

/**
 * Complaints received in the month (citizens report 07:00–22:00; staff act 08:00–20:00). Every step lands inside the
 * month: receipt by day (last − 8), acceptance by the next morning, a 72 h handling deadline, late handling at most
 * 60 h past it, the rating within about a day.
 */
export function demoComplaints(
  rng: Rng, year: number, month: number, profiles: readonly DistrictProfile[],
  districts: readonly District[], centers: Readonly<Record<string, LatLng>>,
): Complaint[] {
  const out: Complaint[] = []
  const categories = categoriesFor(month)
  const lastReceiptDay = daysInMonth(year, month) - 8
  for (const p of profiles) {
    const n = p.complaints.count + rng.int(-2, 2)
    for (let i = 0; i < n; i++) {
      const [category, texts] = rng.pick(categories)
      const street = rng.pick(p.streets)
      const received = wallClock(year, month, rng.int(1, lastReceiptDay)) + rng.int(7 * 60, 22 * 60) * MINUTE
      const c: Complaint = {
        id: rng.uuid(),
        districtCode: p.code,
        category,
        description: `${street}：${rng.pick(texts)}`,
        address: `${street}${rng.int(1, 300)}号附近`,
        photos: [],
        status: 'received',
        receivedAt: isoLocal(received),
      }
      if (rng.chance(0.85)) c.location = { ...samplePoint(rng, p.code, centers[p.code], p.radiusM, districts), accuracy: rng.int(5, 60) }
      out.push(c)
      if (rng.chance(0.04)) continue // still waiting to be accepted
      const acceptedAt = nextDaytime(received + rng.int(20, 4 * 60) * MINUTE, rng.int(0, 90))
      c.acceptedAt = isoLocal(acceptedAt)
      if (!rng.chance(p.complaints.acceptance)) {
        Object.assign(c, { accepted: false, status: 'not_accepted' })
        continue
      }
      const deadline = acceptedAt + 72 * HOUR
      Object.assign(c, { accepted: true, status: 'accepted', handlingDeadline: isoLocal(deadline) })
      if (rng.chance(0.08)) continue // still being handled
      const onTime = rng.chance(p.complaints.onTime)
      let handled: number
      do {
        handled = onTime ? acceptedAt + rng.int(60, 71 * 60) * MINUTE : deadline + rng.int(60, 60 * 60) * MINUTE
      } while (!isDaytime(handled) || (onTime && handled > deadline))
      Object.assign(c, { status: 'handled', handledAt: isoLocal(handled) })
      if (rng.chance(0.2)) continue // not rated (yet)
      Object.assign(c, {
        status: 'closed',
        satisfied: rng.chance(p.complaints.satisfaction),
        ratedAt: isoLocal(nextDaytime(handled + rng.int(30, 20 * 60) * MINUTE, rng.int(0, 90))),
      })
    }
  }
  return out
}

const OUTLETS = ['《新闻夜航》黑龙江电视台', '哈尔滨日报', '生活报', '东北网']
const STORIES: [Line, string][] = [
  ['sanitation', '垃圾堆积多日无人清运，居民苦不堪言'],
  ['sanitation', '人行道积雪成冰，市民出行“如履薄冰”'],
  ['roads', '井盖缺失成“陷阱”，路人险些跌落'],
  ['roads', '整条街路灯不亮，夜间出行摸黑'],
  ['appearance', '占道经营屡禁不止，人行道成了“菜市场”'],
  ['landscaping', '街心绿地变停车场，草坪被碾压殆尽'],
]

export function demoMediaExposures(rng: Rng, year: number, month: number, monthText: string, profiles: readonly DistrictProfile[]): MediaExposure[] {
  const winter = [11, 12, 1, 2, 3].includes(month)
  const stories = STORIES.filter(([, t]) => winter || !t.includes('积雪'))
  const out: MediaExposure[] = []
  for (const p of profiles) {
    for (let i = 0; i < p.mediaExposures; i++) {
      const [line, story] = rng.pick(stories)
      out.push({
        id: rng.uuid(),
        districtCode: p.code,
        line,
        month: monthText,
        outlet: rng.pick(OUTLETS),
        title: `${rng.pick(p.streets)}：${story}`,
        publishedAt: isoLocal(wallClock(year, month, rng.int(1, daysInMonth(year, month))) + rng.int(18 * 60, 21 * 60) * MINUTE),
        deduction: rng.pick([2_000, 3_000, 5_000]),
        enteredBy: DEMO_USER_IDS.lina,
      })
    }
  }
  return out
}

/** The survey team's on-site score for every district, near the district's usual score, to one decimal. */
export function demoSurveyScores(rng: Rng, year: number, month: number, monthText: string, profiles: readonly DistrictProfile[]): SurveyScore[] {
  const enteredAt = isoLocal(wallClock(year, month, daysInMonth(year, month), 16))
  return profiles.map((p) => ({
    districtCode: p.code,
    month: monthText,
    score: Math.min(97_000, Math.max(85_000, p.survey + rng.int(-15, 15) * 100)),
    enteredBy: DEMO_USER_IDS.lina,
    enteredAt,
  }))
}

/** Budgets do not change from month to month in the demo: they are the district's, not the seed's. */
export function demoFundingBudgets(monthText: string, profiles: readonly DistrictProfile[]): FundingBudget[] {
  return profiles.flatMap((p) =>
    FUNDED_LINES.map((line) => ({ districtCode: p.code, month: monthText, line, amountFen: p.budgetYuan[line] * 100 })),
  )
}
