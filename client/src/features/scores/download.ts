// Downloading a table the API makes (CSV or XLSX): fetched with the session's headers, so the token never sits
// in a URL, then saved under the name the server gave it.
import { apiFetch, type ApiResult } from '../../api/client'
import type { ApiErrorBody } from '@shared/errors'

/** The file name from `content-disposition: attachment; filename="…"`, or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '')
  return m?.[1] ?? fallback
}

/** `path` with `format` (and `lang`) added to its query. */
export function withFormat(path: string, format: 'csv' | 'xlsx', lang: 'zh' | 'en' | 'both'): string {
  const [base, query = ''] = path.split('?')
  const q = new URLSearchParams(query)
  q.set('format', format)
  q.set('lang', lang)
  return `${base}?${q}`
}

/** Fetches the table and hands it to the browser as a download; a refusal comes back as a typed error. */
export async function downloadTable(path: string, format: 'csv' | 'xlsx', lang: 'zh' | 'en' | 'both', fallback: string): Promise<ApiResult<string>> {
  let res: Response
  try {
    res = await apiFetch(withFormat(path, format, lang), { headers: { accept: '*/*' } })
  } catch {
    return { ok: false, status: 0, error: { code: 'unavailable', message: 'network unreachable' } }
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiErrorBody | null
    return { ok: false, status: res.status, error: body?.error ?? { code: 'internal', message: `HTTP ${res.status}` } }
  }
  const name = fileNameOf(res.headers.get('content-disposition'), `${fallback}.${format}`)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoked a moment later: some browsers start reading the blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { ok: true, status: res.status, data: name }
}
