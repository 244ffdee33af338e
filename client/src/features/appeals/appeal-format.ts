// Times and names as the appeal screens show them: instants in the city's time zone, never the device's.
import type { Name } from '@shared/domain'
import { localParts } from '@shared/time'

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-11-20 09:30" in the given zone. */
export function localTime(at: string | number, timeZone: string): string {
  const p = localParts(at, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** "2026-11-20" in the given zone. */
export function localDay(at: string | number, timeZone: string): string {
  return localTime(at, timeZone).slice(0, 10)
}

export const nameIn = (name: Name | null | undefined, locale: string): string => (name ? (locale === 'en' ? name.en : name.zh) : '')
