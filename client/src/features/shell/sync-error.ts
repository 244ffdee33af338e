// The sync store's last error as one line in the current language, whatever shape it came in: a code the sync
// feature has words for (sync.error.<code>), bilingual text, an API error, or plain text.
export interface Words {
  t: (key: string, values?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: string
}

export function describeSyncError(error: unknown, { t, te, locale }: Words): string {
  if (error === null || error === undefined || error === '') return ''
  const known = (code: unknown) => (typeof code === 'string' && te(`sync.error.${code}`) ? t(`sync.error.${code}`) : undefined)
  if (typeof error === 'string') return known(error) ?? error
  if (typeof error === 'object') {
    const e = error as { zh?: unknown; en?: unknown; code?: unknown; status?: unknown; message?: unknown }
    if (typeof e.zh === 'string' && typeof e.en === 'string') return locale === 'en' ? e.en : e.zh
    const byCode = known(e.code)
    if (byCode) return byCode
    if (e.code === 'unavailable' || e.status === 0) return t('shell.sync.unreachable')
    if (typeof e.message === 'string') return e.message
    if (typeof e.code === 'string') return e.code
  }
  return String(error)
}
