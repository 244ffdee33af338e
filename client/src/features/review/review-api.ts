// Reading the workspace's data from the API: a month's findings (every status, page after page), a few findings
// by id after a live notice, the month's possible duplicates, one finding in full, the districts.
import { FINDING_STATUSES, type District } from '@shared/domain'
import type { ApiResult } from '../../api/client'
import { apiProblem, type Problem } from './problems'
import type { DuplicateList, FindingDetail, FindingPage, FindingRow } from './types'

export interface Reader {
  get<T>(path: string): Promise<ApiResult<T>>
}

export type Loaded<T> = { ok: true; data: T } | { ok: false; problem: Problem }

const ALL_STATUSES = FINDING_STATUSES.join(',')
/** Rows per page: the server's default, so a month of ten thousand is one request. */
export const PAGE_LIMIT = 10_000
/** Ids per request after live notices: the server takes a query value of up to 10,000 characters, 270 UUIDs. */
export const IDS_PER_REQUEST = 250

function fail<T>(res: ApiResult<T>): Loaded<never> {
  return { ok: false, problem: res.ok ? { key: 'review.errors.noAnswer' } : apiProblem(res.status, res.error) }
}

/** Every finding of a month, void ones too (the status filter decides what shows). */
export async function loadMonth(api: Reader, month: string, limit = PAGE_LIMIT): Promise<Loaded<FindingRow[]>> {
  const rows: FindingRow[] = []
  let cursor: string | null = null
  do {
    const q = new URLSearchParams({ month, status: ALL_STATUSES, limit: String(limit) })
    if (cursor) q.set('cursor', cursor)
    const res = await api.get<FindingPage>(`/findings?${q}`)
    if (!res.ok) return fail(res)
    rows.push(...res.data.rows)
    cursor = res.data.more ? res.data.nextCursor : null
  } while (cursor)
  return { ok: true, data: rows }
}

/** These findings as they are now; an id the answer lacks is one the caller may no longer see. */
export async function loadIds(api: Reader, ids: readonly string[]): Promise<Loaded<FindingRow[]>> {
  const rows: FindingRow[] = []
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) {
    const chunk = unique.slice(i, i + IDS_PER_REQUEST)
    const q = new URLSearchParams({ ids: chunk.join(','), status: ALL_STATUSES, limit: String(chunk.length) })
    const res = await api.get<FindingPage>(`/findings?${q}`)
    if (!res.ok) return fail(res)
    rows.push(...res.data.rows)
  }
  return { ok: true, data: rows }
}

export async function loadDuplicates(api: Reader, month: string): Promise<Loaded<DuplicateList>> {
  const res = await api.get<DuplicateList>(`/findings/duplicates?${new URLSearchParams({ month })}`)
  return res.ok ? { ok: true, data: res.data } : fail(res)
}

export async function loadDetail(api: Reader, id: string): Promise<Loaded<FindingDetail>> {
  const res = await api.get<FindingDetail>(`/findings/${encodeURIComponent(id)}`)
  return res.ok ? { ok: true, data: res.data } : fail(res)
}

export async function loadDistricts(api: Reader): Promise<Loaded<District[]>> {
  const res = await api.get<{ districts: District[] }>('/districts')
  return res.ok ? { ok: true, data: res.data.districts } : fail(res)
}

/**
 * Merges fresh rows into the loaded month: rows of another month leave it (a finding's month does not change, but
 * a notice may name a finding of any month), asked-for ids that did not come back are removed.
 */
export function mergeRows(current: ReadonlyMap<string, FindingRow>, asked: readonly string[], fresh: readonly FindingRow[], month: string): Map<string, FindingRow> {
  const next = new Map(current)
  const got = new Set<string>()
  for (const r of fresh) {
    got.add(r.id)
    if (r.month === month) next.set(r.id, r)
    else next.delete(r.id)
  }
  for (const id of asked) if (!got.has(id)) next.delete(id)
  return next
}
