// After how many days unsynced records earn a warning. Kept on the device in db.meta 'unsyncedWarnDays'.
import { ref } from 'vue'
import { getMeta, setMeta } from '../../db/db'

export const DEFAULT_WARN_DAYS = 3
const KEY = 'unsyncedWarnDays'

export const warnDays = ref(DEFAULT_WARN_DAYS)

export async function loadWarnDays(): Promise<number> {
  const stored = await getMeta<number>(KEY).catch(() => undefined)
  warnDays.value = validDays(stored) ?? DEFAULT_WARN_DAYS
  return warnDays.value
}

export async function saveWarnDays(days: number): Promise<boolean> {
  const valid = validDays(days)
  if (valid === undefined) return false
  await setMeta(KEY, valid)
  warnDays.value = valid
  return true
}

function validDays(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 365 ? n : undefined
}

/** The oldest unsynced change is older than the warning threshold. */
export function unsyncedTooOld(oldestUnsyncedAt: number | null, days: number, now = Date.now()): boolean {
  return oldestUnsyncedAt !== null && now - oldestUnsyncedAt > days * 86_400_000
}
