// The month screen's state: the month shown and on which basis, its view from the server, and the months before
// it for the trend. A published month never changes, so its view is kept; live months are asked again.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ScoringMode } from '@shared/scoring'
import { addMonths } from '@shared/time'
import type { ApiResult } from '../../api/client'
import { getMonth } from './scores-api'
import type { MonthView } from './scores-types'

export const TREND_MONTHS = 6

export const useScoresStore = defineStore('scores', () => {
  const month = ref('')
  /** Undefined: what the server shows by default (frozen once published, else preliminary). */
  const mode = ref<ScoringMode | undefined>(undefined)
  const view = shallowRef<MonthView | null>(null)
  const failure = shallowRef<Extract<ApiResult<MonthView>, { ok: false }> | null>(null)
  const loading = ref(false)
  /** Month → its default view, or null when it cannot be scored (no policy in force, say). */
  const trend = shallowRef(new Map<string, MonthView | null>())
  let asked = 0

  async function load(m: string, md?: ScoringMode): Promise<void> {
    const ticket = ++asked
    month.value = m
    mode.value = md
    loading.value = true
    const res = await getMonth(m, md)
    // A slower answer for a month no longer shown must not replace the newer one.
    if (ticket !== asked) return
    loading.value = false
    view.value = res.ok ? res.data : null
    failure.value = res.ok ? null : res
    if (res.ok && md === undefined) remember(m, res.data)
  }

  function remember(m: string, v: MonthView | null): void {
    const next = new Map(trend.value)
    next.set(m, v)
    trend.value = next
  }

  /** The `TREND_MONTHS` months up to `last`, loading those not yet known (or not published) in parallel. */
  async function loadTrend(last: string): Promise<string[]> {
    const months = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(last, i - TREND_MONTHS + 1))
    // The month shown was remembered by load(); a published month is final; every other one is asked again.
    const missing = months.filter((m) => !trend.value.get(m)?.published && !(m === last && trend.value.has(m)))
    const answers = await Promise.all(missing.map(async (m) => [m, await getMonth(m)] as const))
    const next = new Map(trend.value)
    for (const [m, res] of answers) next.set(m, res.ok ? res.data : null)
    trend.value = next
    return months
  }

  function published(v: MonthView): void {
    view.value = v
    mode.value = undefined
    failure.value = null
    remember(v.month, v)
  }

  return { month, mode, view, failure, loading, trend, load, loadTrend, published }
})
