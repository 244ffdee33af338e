// What to tell someone whose sign-in failed, from the server's typed error: a message key with its values,
// or the server's own bilingual words (validation issues come in zh and en).
import type { ApiError } from '../../api/client'

export type LoginProblem =
  | { key: 'badCredentials' | 'disabled' | 'network' }
  | { key: 'rateLimited'; minutes: number }
  | { key: 'other'; message: string }
  | { key: 'issues'; zh: string; en: string }

export function loginProblem(status: number, error: ApiError): LoginProblem {
  const details = error.details ?? {}
  if (status === 0 || error.code === 'unavailable') return { key: 'network' }
  if (error.code === 'rate_limited') {
    const seconds = Number(details.retryAfterSeconds)
    return { key: 'rateLimited', minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 }
  }
  if (error.code === 'unauthorized') return { key: details.reason === 'disabled' ? 'disabled' : 'badCredentials' }
  if (error.code === 'validation_failed' && details.issues?.length) {
    return { key: 'issues', zh: details.issues.map((i) => i.zh).join('；'), en: details.issues.map((i) => i.en).join('; ') }
  }
  // A proxy or a server error: its English message is better than nothing.
  return { key: 'other', message: error.message || `HTTP ${status}` }
}

/** The problem in the given language, through the app's translate function. */
export function describeLoginProblem(p: LoginProblem, t: (key: string, values?: Record<string, unknown>) => string, locale: string): string {
  switch (p.key) {
    case 'issues':
      return locale === 'en' ? p.en : p.zh
    case 'rateLimited':
      return t('auth.errors.rateLimited', { minutes: p.minutes })
    case 'other':
      return t('auth.errors.other', { message: p.message })
    default:
      return t(`auth.errors.${p.key}`)
  }
}
