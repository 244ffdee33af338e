// A refused request as one sentence in the user's language: the field issues the server words in zh and en, else
// the feature's own words for the refusal's reason (details.reason) or code, else the server's (English) message.
import { DEFAULT_POLICY } from '@shared/domain'
import { dateOf } from '@shared/time'
import type { ApiError } from '../../api/client'

export interface Words {
  t: (key: string, values?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: string
  /** The city's zone, for dates in a refusal; the default policy's when not known. */
  timeZone?: string
}

/** Values a reason's message may use: the refusal's details flattened to text. */
function values(details: Record<string, unknown>, timeZone: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(details)) {
    if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'object' && x && 'districtCode' in x ? (x as { districtCode: string }).districtCode : String(x))).join('、')
    // Instants read as their date in the city: "published on 2026-12-01".
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) out[k] = dateOf(v, timeZone)
    else if (v !== null && typeof v !== 'object') out[k] = v
  }
  return out
}

/**
 * `scopes` are message folders tried in order, e.g. ['sheets', 'scores']: `<scope>.errors.<reason>` first, then
 * `<scope>.errors.<code>`. Issues that name fields are joined; `fieldWords` may name a field for the reader.
 */
export function describeProblem(status: number, error: ApiError, words: Words, scopes: readonly string[], fieldWords?: (field: string) => string | undefined): string {
  const { t, te, locale } = words
  const zone = words.timeZone ?? DEFAULT_POLICY.timeZone
  const details = (error.details ?? {}) as Record<string, unknown> & { issues?: { field: string; zh: string; en: string }[]; reason?: string }
  if (status === 0 || error.code === 'unavailable') return t('scores.errors.network')
  const reason = typeof details.reason === 'string' ? details.reason : undefined
  for (const scope of scopes) {
    if (reason && te(`${scope}.errors.${reason}`)) return t(`${scope}.errors.${reason}`, values(details, zone))
  }
  if (details.issues?.length) {
    return details.issues
      .map((i) => {
        const text = locale === 'en' ? i.en : i.zh
        const name = fieldWords?.(i.field)
        return name ? `${name}${locale === 'en' ? ': ' : '：'}${text}` : text
      })
      .join(locale === 'en' ? '; ' : '；')
  }
  for (const scope of scopes) {
    if (te(`${scope}.errors.${error.code}`)) return t(`${scope}.errors.${error.code}`, values(details, zone))
  }
  return t('scores.errors.other', { message: error.message || `HTTP ${status}` })
}
