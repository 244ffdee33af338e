// How the deduction being recorded will count, shown before saving: the finding's own deduction (the same
// deductionFor the server and the scoring engine use) and, when the item's monthly cap bites, how much of it counts.
import { deductionFor } from '@shared/scoring'
import type { ChecklistItem } from '@shared/domain'
import { parseQuantity } from './build-finding'

/** Thousandths of a point as short text: 600 → "0.6", 10000 → "10", 10 → "0.01". */
export function pointsText(thousandths: number): string {
  const sign = thousandths < 0 ? '-' : ''
  const abs = Math.abs(thousandths)
  const whole = Math.floor(abs / 1000)
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '')
  return sign + (frac ? `${whole}.${frac}` : String(whole))
}

export interface Preview {
  /** quantity × deduction per unit, half-up to a thousandth. */
  deduction: number
  /** What counts this month after the cap (扣完为止), given what the item already took in this district. */
  counted: number
  /** The item already took this much this month in this district, as far as this device knows. */
  used: number
  cap: number
  capped: boolean
}

export function previewDeduction(item: ChecklistItem, quantityText: string, usedThisMonth = 0): Preview | null {
  const q = parseQuantity(quantityText, item.unit)
  if (!q.ok) return null
  const deduction = deductionFor(q.value, item.deductionPerUnit)
  const room = Math.max(0, item.monthlyCap - usedThisMonth)
  const counted = Math.min(deduction, room)
  return { deduction, counted, used: usedThisMonth, cap: item.monthlyCap, capped: counted < deduction }
}
