// Calls of the scores screens, typed by what /api/scores answers.
import { apiGet, apiPost, type ApiResult } from '../../api/client'
import type { ScoringMode } from '@shared/scoring'
import type { DistrictView, MonthView, QuarterView, Verification } from './scores-types'

const modeQuery = (mode?: ScoringMode) => (mode ? `?mode=${mode}` : '')

export const monthPath = (month: string, mode?: ScoringMode) => `/scores/months/${month}${modeQuery(mode)}`
export const fundingPath = (month: string, mode?: ScoringMode) => `/scores/months/${month}/funding${modeQuery(mode)}`
export const quarterPath = (quarter: string) => `/scores/quarters/${quarter}`

export const getMonth = (month: string, mode?: ScoringMode): Promise<ApiResult<MonthView>> => apiGet<MonthView>(monthPath(month, mode))

export const getDistrict = (month: string, code: string, mode?: ScoringMode): Promise<ApiResult<DistrictView>> =>
  apiGet<DistrictView>(`/scores/months/${month}/districts/${code}${modeQuery(mode)}`)

/** Freezes the month; answers with the published view. */
export const publishMonth = (month: string): Promise<ApiResult<MonthView>> => apiPost<MonthView>(`/scores/months/${month}/publish`, {})

export const verifyMonth = (month: string): Promise<ApiResult<Verification>> => apiGet<Verification>(`/scores/months/${month}/verify`)

export const getQuarter = (quarter: string): Promise<ApiResult<QuarterView>> => apiGet<QuarterView>(quarterPath(quarter))
