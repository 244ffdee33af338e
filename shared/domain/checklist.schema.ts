// Checklists (考核细则): versioned lists of items an inspector scores against.
import { z } from 'zod'
import { Id, Name, Points } from './common.schema'
import { Line } from './line.schema'
import { bilingual } from '../validation'

export const UNITS = ['occurrence', 'm2', 'metre', 'time'] as const
export const Unit = z.enum(UNITS)
export type Unit = z.infer<typeof Unit>

export const UNIT_NAMES: Record<Unit, { zh: string; en: string }> = {
  occurrence: { zh: '处', en: 'per occurrence' },
  m2: { zh: '平方米', en: 'per m²' },
  metre: { zh: '米', en: 'per metre' },
  time: { zh: '次', en: 'per time' },
}

export const ItemCode = z
  .string()
  .regex(/^[A-Z]{2,4}-\d{2,3}$/, bilingual('条目编码须形如 HW-01', 'item code must look like HW-01'))

export const ChecklistItem = z.strictObject({
  code: ItemCode,
  name: Name,
  unit: Unit,
  /** Deduction per unit, in thousandths of a point (0.01 per m² = 10). */
  deductionPerUnit: z.number().int().min(1).max(100_000),
  /** Most this item may deduct in a month (扣完为止), thousandths. */
  monthlyCap: Points.min(1),
  photoRequired: z.boolean(),
  /** GB/T 30428 component (部件) or event (事件) class, where one fits. */
  gbClass: z.strictObject({ kind: z.enum(['component', 'event']), code: z.string().regex(/^\d{4}$/), name: z.string() }).optional(),
  /** Pinyin initials and full pinyin for search on the tablet. */
  keywords: z.array(z.string().max(60)).max(20).default([]),
})
export type ChecklistItem = z.infer<typeof ChecklistItem>

export const Checklist = z
  .strictObject({
    id: Id,
    line: Line,
    name: Name,
    version: z.number().int().min(1),
    /** Month from which this version applies. */
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}$/),
    items: z.array(ChecklistItem).min(1).max(500),
  })
  .refine((c) => new Set(c.items.map((i) => i.code)).size === c.items.length, {
    path: ['items'],
    ...bilingual('条目编码不能重复', 'item codes must be unique'),
  })
export type Checklist = z.infer<typeof Checklist>
