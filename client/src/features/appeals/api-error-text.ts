// A refused call as one line in the reader's language. Validation issues come in both languages from the server;
// known reasons (details.reason) and codes have words in the feature's catalogue; otherwise an English reader gets
// the server's own English message, which is the most specific, and a Chinese reader the words for the code.
import type { ApiError } from '../../api/client'

export interface Words {
  t: (key: string, values?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: string
}

/** `prefix` is the feature's error catalogue, e.g. 'appeals.errors': keys offline, other, code.<code>, reason.<reason>. */
export function apiErrorText(status: number, error: ApiError, { t, te, locale }: Words, prefix: string): string {
  const en = locale === 'en'
  if (status === 0 || (error.code === 'unavailable' && status !== 503)) return t(`${prefix}.offline`)
  const issues = error.details?.issues
  if (issues?.length) return en ? issues.map((i) => i.en).join('; ') : issues.map((i) => i.zh).join('；')
  const reason = error.details?.reason
  if (typeof reason === 'string' && te(`${prefix}.reason.${reason}`)) return t(`${prefix}.reason.${reason}`)
  if (en && error.message) return error.message
  if (te(`${prefix}.code.${error.code}`)) return t(`${prefix}.code.${error.code}`)
  return t(`${prefix}.other`, { message: error.message || `HTTP ${status}` })
}
