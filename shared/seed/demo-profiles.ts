// How each district behaves in the demo month: how many problems inspectors find, how well complaints are handled,
// what the survey team thinks, its budgets and its streets. Tuned so that some districts land below 90 (and lose
// funding) and some above, as in a real month.
import type { FundedLine } from '../domain/line.schema'
import type { DEMO_USER_IDS } from './users'

export interface DistrictProfile {
  code: string
  /** Findings recorded in the month, before a small random spread (±4). */
  findings: number
  /** Scales quantities: above 1 means larger areas and more repeat occurrences. */
  severity: number
  /** Radius around the district's center in which problems are found, metres (its urban core). */
  radiusM: number
  /** The inspector who covers this district most of the time. */
  inspector: keyof typeof DEMO_USER_IDS
  complaints: { count: number; acceptance: number; onTime: number; satisfaction: number }
  mediaExposures: number
  /** The survey team's usual score, thousandths. */
  survey: number
  /** Monthly operation and maintenance budgets, yuan. */
  budgetYuan: Record<FundedLine, number>
  streets: string[]
}

export const DISTRICT_PROFILES: DistrictProfile[] = [
  { code: '230102', findings: 46, severity: 0.6, radiusM: 4_000, inspector: 'zhangwei',
    complaints: { count: 34, acceptance: 0.97, onTime: 0.92, satisfaction: 0.9 }, mediaExposures: 0, survey: 94_000,
    budgetYuan: { sanitation: 7_800_000, landscaping: 3_600_000, roads: 5_200_000 },
    streets: ['中央大街', '友谊路', '尚志大街', '地段街', '经纬街', '西十二道街', '新阳路', '群力大道', '兆麟街', '石头道街'] },
  { code: '230103', findings: 52, severity: 0.7, radiusM: 4_000, inspector: 'zhangwei',
    complaints: { count: 36, acceptance: 0.95, onTime: 0.88, satisfaction: 0.86 }, mediaExposures: 1, survey: 92_500,
    budgetYuan: { sanitation: 8_000_000, landscaping: 3_800_000, roads: 5_600_000 },
    streets: ['红军街', '果戈里大街', '学府路', '西大直街', '东大直街', '中山路', '黄河路', '长江路', '一曼街', '花园街'] },
  { code: '230104', findings: 76, severity: 1.3, radiusM: 3_500, inspector: 'zhangwei',
    complaints: { count: 32, acceptance: 0.82, onTime: 0.6, satisfaction: 0.62 }, mediaExposures: 2, survey: 86_500,
    budgetYuan: { sanitation: 6_400_000, landscaping: 2_600_000, roads: 4_400_000 },
    streets: ['靖宇街', '景阳街', '太古街', '南勋街', '东直路', '北十八道街', '大有坊街', '南马路', '升平街'] },
  { code: '230108', findings: 44, severity: 0.5, radiusM: 3_000, inspector: 'wangqiang',
    complaints: { count: 12, acceptance: 1, onTime: 0.95, satisfaction: 0.93 }, mediaExposures: 0, survey: 95_500,
    budgetYuan: { sanitation: 2_800_000, landscaping: 2_000_000, roads: 2_400_000 },
    streets: ['友协大街', '新疆大街', '哈平路', '保国大街', '联盟大街', '湘江路'] },
  { code: '230109', findings: 46, severity: 0.65, radiusM: 3_500, inspector: 'zhangwei',
    complaints: { count: 18, acceptance: 0.96, onTime: 0.9, satisfaction: 0.88 }, mediaExposures: 0, survey: 93_500,
    budgetYuan: { sanitation: 4_600_000, landscaping: 4_200_000, roads: 3_800_000 },
    streets: ['世茂大道', '松北大道', '中源大道', '创新一路', '创新二路', '学海街', '龙川路'] },
  { code: '230110', findings: 62, severity: 1.0, radiusM: 4_000, inspector: 'wangqiang',
    complaints: { count: 30, acceptance: 0.9, onTime: 0.8, satisfaction: 0.78 }, mediaExposures: 1, survey: 90_000,
    budgetYuan: { sanitation: 7_000_000, landscaping: 3_000_000, roads: 5_000_000 },
    streets: ['香坊大街', '公滨路', '三大动力路', '红旗大街', '通乡街', '哈平路', '油坊街', '民生路'] },
  { code: '230111', findings: 72, severity: 1.2, radiusM: 2_500, inspector: 'wangqiang',
    complaints: { count: 16, acceptance: 0.85, onTime: 0.65, satisfaction: 0.68 }, mediaExposures: 1, survey: 87_000,
    budgetYuan: { sanitation: 3_200_000, landscaping: 2_000_000, roads: 2_800_000 },
    streets: ['南大街', '北大街', '东大街', '西大街', '利民大道', '师大路', '兰河大街'] },
  { code: '230112', findings: 68, severity: 1.1, radiusM: 2_500, inspector: 'wangqiang',
    complaints: { count: 14, acceptance: 0.86, onTime: 0.7, satisfaction: 0.72 }, mediaExposures: 1, survey: 88_000,
    budgetYuan: { sanitation: 3_000_000, landscaping: 2_200_000, roads: 2_600_000 },
    streets: ['延川大街', '解放大街', '通城街', '金都路', '上京大道', '新华大街'] },
  { code: '230113', findings: 50, severity: 0.8, radiusM: 2_500, inspector: 'wangqiang',
    complaints: { count: 13, acceptance: 0.93, onTime: 0.85, satisfaction: 0.84 }, mediaExposures: 0, survey: 91_000,
    budgetYuan: { sanitation: 2_600_000, landscaping: 2_000_000, roads: 2_200_000 },
    streets: ['承旭大街', '东大街', '西大街', '南大街', '北大街', '友谊路', '新兴路'] },
]
