// How a finding's deduction was computed, in words a supervisor can check against the checklist:
// "2 处 × 2 分 = 4 分". The arithmetic is the scoring engine's (deductionFor); this only shows it.
import { UNIT_NAMES, type ChecklistItem, type Unit } from '@shared/domain'
import { deductionFor } from '@shared/scoring'

export interface DeductionExplanation {
  quantity: number
  unit: Unit
  unitName: { zh: string; en: string }
  /** Thousandths of a point per unit. */
  deductionPerUnit: number
  /** quantity × per unit before rounding, in points, exact ("0.0029"). */
  exact: string
  /** The deduction the rule gives, thousandths. */
  deduction: number
  /** Whether the stored deduction is the one the rule gives (it always should be). */
  matchesStored: boolean
  /** Whether rounding half-up to a thousandth changed the exact product. */
  rounded: boolean
  text: { zh: string; en: string }
  rule: { zh: string; en: string }
  /** The item's monthly cap, thousandths, applied to the item's total in the district's line (扣完为止), not to one finding. */
  monthlyCap: number
  cap: { zh: string; en: string }
}

/** A non-negative integer divided by 10^places, as a decimal without trailing zeros. */
export function decimal(n: number, places: number): string {
  const digits = String(n).padStart(places + 1, '0')
  const whole = digits.slice(0, digits.length - places)
  const frac = digits.slice(digits.length - places).replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : whole
}

/** Points from thousandths: 4000 → "4", 300 → "0.3". */
export const points = (thousandths: number): string => decimal(thousandths, 3)

const EN_UNIT: Record<Unit, [string, string]> = {
  occurrence: ['occurrence', 'occurrences'],
  m2: ['m²', 'm²'],
  metre: ['m', 'm'],
  time: ['time', 'times'],
}

export function explainDeduction(quantity: number, item: ChecklistItem, stored: number): DeductionExplanation {
  const hundredths = Math.round(quantity * 100)
  const exactProduct = hundredths * item.deductionPerUnit // hundred-thousandths of a point
  const deduction = deductionFor(quantity, item.deductionPerUnit)
  const exact = decimal(exactProduct, 5)
  const rounded = exactProduct !== deduction * 100
  const qty = decimal(hundredths, 2)
  const per = points(item.deductionPerUnit)
  const result = points(deduction)
  const [one, many] = EN_UNIT[item.unit]
  const zhUnit = UNIT_NAMES[item.unit].zh
  return {
    quantity,
    unit: item.unit,
    unitName: UNIT_NAMES[item.unit],
    deductionPerUnit: item.deductionPerUnit,
    exact,
    deduction,
    matchesStored: deduction === stored,
    rounded,
    text: {
      zh: rounded ? `${qty} ${zhUnit} × ${per} 分 = ${exact} 分 ≈ ${result} 分` : `${qty} ${zhUnit} × ${per} 分 = ${result} 分`,
      en: `${qty} ${hundredths === 100 ? one : many} × ${per} points per ${one} = ${rounded ? `${exact} ≈ ` : ''}${result} points`,
    },
    rule: {
      zh: '扣分 = 数量 × 每单位扣分，四舍五入保留到 0.001 分',
      en: 'deduction = quantity × deduction per unit, rounded half-up to 0.001 point',
    },
    monthlyCap: item.monthlyCap,
    cap: {
      zh: `该条目在一个区一个专业内每月最多扣 ${points(item.monthlyCap)} 分（扣完为止）`,
      en: `this item deducts at most ${points(item.monthlyCap)} points a month in a district's line, however many findings`,
    },
  }
}
