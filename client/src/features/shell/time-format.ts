// Clock times as the inspector reads them, in the city's time zone: "10:32" today, "11-24 10:32" before.
import { localParts } from '@shared/time'

/**
 * The city's time zone, DEFAULT_POLICY.timeZone (a test keeps them equal). Written out here because the policy
 * module brings every schema with it, which the first screen does without.
 */
export const CITY_TIME_ZONE = 'Asia/Shanghai'

const zone = CITY_TIME_ZONE
const pad = (n: number) => String(n).padStart(2, '0')

export function formatClock(ms: number, now = Date.now()): string {
  const t = localParts(ms, zone)
  const today = localParts(now, zone)
  const clock = `${pad(t.hour)}:${pad(t.minute)}`
  if (t.year === today.year && t.month === today.month && t.day === today.day) return clock
  if (t.year === today.year) return `${pad(t.month)}-${pad(t.day)} ${clock}`
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${clock}`
}

/** Whole days from `ms` to `now`. */
export const daysSince = (ms: number, now = Date.now()): number => Math.floor((now - ms) / 86_400_000)

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${n >= 100 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`
}
