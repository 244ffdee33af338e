// The district's page figures from GET /api/districts/:code/summary. The last answer is kept on the device
// (db.meta) with the time it came, so that offline the page shows it and says how old it is; with nothing kept,
// the page says so instead of showing numbers.
import type { Line, Name, RectificationStatus } from '@shared/domain'
import { apiGet, type ApiError } from '../../api/client'
import { getMeta, setMeta } from '../../db/db'

/** The answer of the summary route (server/src/district/summary.ts). */
export interface DistrictSummary {
  month: string
  districtCode: string
  districtName: Name
  /** True while the month is not published: the numbers may still change. */
  preliminary: boolean
  note?: Name
  /** Points, to 0.01. */
  composite: string
  /** Points, to 0.001. */
  professional: string
  /** deducted: thousandths of a point. */
  lines: { line: Line; lineName: Name; score: string; deducted: number }[]
  social: { complaints: string; media: string; survey: string }
  topDeductions: { itemCode: string; itemName: Name; line: Line; deducted: number; findings: number }[]
  /** Fen. */
  funding: { atStake: number; paid: number; withheld: number }
  openSheets: { id: string; number: string; status: RectificationStatus; deadline: string; findingCount: number }[]
}

export interface KeptSummary {
  summary: DistrictSummary
  /** When the server gave it, device ms. */
  at: number
}

export type SummaryAnswer =
  | { kind: 'fresh'; kept: KeptSummary }
  /** The server could not be reached: the last answer kept on the device, or none. */
  | { kind: 'offline'; kept: KeptSummary | null }
  | { kind: 'error'; error: ApiError; kept: KeptSummary | null }

const key = (code: string) => `districtSummary:${code}`

export async function keptSummary(code: string): Promise<KeptSummary | null> {
  return (await getMeta<KeptSummary>(key(code))) ?? null
}

export async function fetchSummary(code: string, now = Date.now()): Promise<SummaryAnswer> {
  const res = await apiGet<DistrictSummary>(`/districts/${encodeURIComponent(code)}/summary`)
  if (res.ok) {
    const kept = { summary: res.data, at: now }
    await setMeta(key(code), kept)
    return { kind: 'fresh', kept }
  }
  const kept = await keptSummary(code)
  return res.status === 0 ? { kind: 'offline', kept } : { kind: 'error', error: res.error, kept }
}

/** Fen as yuan with two decimals and thousands separators: 1234567 → "12,345.67". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** Lines with the most deducted first: what pulls the score down most. */
export const linesByLoss = (lines: DistrictSummary['lines']) => [...lines].sort((a, b) => b.deducted - a.deducted || a.line.localeCompare(b.line))
