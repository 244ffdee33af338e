// The reference data the record screen works from, as the device holds it after a pull: checklists (every
// version), districts, the scoring policy in force, and this inspector's recent items. Nothing falls back to the
// seed: a device that has never pulled says so instead of recording against lists the server may not know.
import { computed } from 'vue'
import { DEFAULT_POLICY, type Checklist, type District, type ScoringPolicy } from '@shared/domain'
import { monthOf } from '@shared/time'
import { db, getMeta } from '../../db/db'
import { useLiveQuery } from '../../db/live-query'

/** The newest policy already in force this month, else the newest held; null before the first pull. */
export function policyInForce(all: readonly ScoringPolicy[], now = Date.now()): ScoringPolicy | null {
  if (!all.length) return null
  const sorted = [...all].sort((a, b) => b.version - a.version)
  return sorted.find((p) => p.effectiveFrom <= monthOf(now, p.timeZone)) ?? sorted[0]
}

export function useReference() {
  const checklists = useLiveQuery<Checklist[]>(() => db.checklists.toArray(), [])
  const districts = useLiveQuery<District[]>(() => db.districts.orderBy('code').toArray(), [])
  const policies = useLiveQuery<ScoringPolicy[]>(() => db.policies.toArray(), [])
  const recent = useLiveQuery<string[]>(async () => (await getMeta<string[]>('recentItems')) ?? [], [])

  const policy = computed(() => policyInForce(policies.value))
  // Before the first pull the policy's own defaults stand in for the two numbers this screen needs.
  const timeZone = computed(() => policy.value?.timeZone ?? DEFAULT_POLICY.timeZone)
  const warnMetres = computed(() => policy.value?.gpsAccuracyWarnMetres ?? DEFAULT_POLICY.gpsAccuracyWarnMetres)
  const month = computed(() => monthOf(Date.now(), timeZone.value))

  return { checklists, districts, recent, policy, timeZone, warnMetres, month }
}
