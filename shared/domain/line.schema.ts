// The five lines (专业) of the professional assessment.
import { z } from 'zod'

export const LINES = ['sanitation', 'landscaping', 'roads', 'appearance', 'enforcement'] as const
export const Line = z.enum(LINES)
export type Line = z.infer<typeof Line>

export const LINE_NAMES: Record<Line, { zh: string; en: string }> = {
  sanitation: { zh: '环卫', en: 'Sanitation' },
  landscaping: { zh: '园林', en: 'Landscaping' },
  roads: { zh: '道桥', en: 'Roads and bridges' },
  appearance: { zh: '市容', en: 'City appearance' },
  enforcement: { zh: '执法', en: 'Enforcement' },
}

/** Lines whose operation and maintenance funds are tied to the score. */
export const FUNDED_LINES = ['sanitation', 'landscaping', 'roads'] as const satisfies readonly Line[]
export type FundedLine = (typeof FUNDED_LINES)[number]
