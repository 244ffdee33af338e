// Finding a checklist item on the tablet: by Chinese text, by pinyin (full or initials, from the item's keywords)
// or by code ("HW-03", "hw03", "hw3"). Pure, so the ranking is tested without a browser.
//
// Ranking: an exact code first; then the items this inspector used recently (most recent first); then name
// matches, better matches first (Chinese text, then pinyin from its start, then looser matches); ties keep
// checklist order. Items of the open line come before those of other lines.
import type { ChecklistItem, Line } from '@shared/domain'

/** An item together with the checklist it belongs to, so a choice knows its checklist id, version and line. */
export interface ItemEntry {
  item: ChecklistItem
  line: Line
  checklistId: string
  checklistVersion: number
}

export interface SearchOptions {
  /** Item codes used recently, most recent first (db.meta 'recentItems'). */
  recent?: readonly string[]
  /**
   * The line whose tab is open: with no query only its items are listed; with a query its matches come first and
   * other lines' matches follow (an exact code comes first from whichever line it is in).
   */
  line?: Line
  limit?: number
}

export interface SearchHit extends ItemEntry {
  /** 0 exact code, 1 recent, 2 strong name match, 3 weak match, 4 listed without a query. */
  tier: number
}

/** Lower-case and drop spaces, hyphens and apostrophes: "HW-03" → "hw03", "la ji" → "laji". */
export function normalizeQuery(q: string): string {
  return q.trim().toLowerCase().replace(/[\s\-_'’.]+/g, '')
}

/** "HW-03" → { letters: "hw", number: 3 }; null when the query does not look like a code. */
function codeParts(s: string): { letters: string; number: number | null } | null {
  const m = /^([a-z]{2,4})(\d{0,3})$/.exec(s)
  if (!m) return null
  return { letters: m[1], number: m[2] ? Number(m[2]) : null }
}

/** True when the normalized query names this code exactly: hw03, hw3 and hw-03 all name HW-03. */
export function isExactCode(query: string, code: string): boolean {
  const q = codeParts(normalizeQuery(query))
  const c = codeParts(normalizeQuery(code))
  return !!q && !!c && q.number !== null && q.letters === c.letters && q.number === c.number
}

const HAN = /\p{Script=Han}/u

/** How well an item matches a non-empty query: 2 strong, 3 weak, null no match. */
export function matchTier(item: ChecklistItem, query: string): 2 | 3 | null {
  const raw = query.trim()
  const q = normalizeQuery(raw)
  if (!q) return null
  if (HAN.test(raw)) {
    // Chinese: substring of the name (spaces ignored), or of the GB/T class name.
    const zh = item.name.zh.replace(/\s+/g, '')
    if (zh.includes(q)) return 2
    if (item.gbClass?.name.includes(q)) return 3
    return null
  }
  const keywords = item.keywords.map((k) => k.toLowerCase())
  if (keywords.some((k) => k.startsWith(q))) return 2
  // A code's start ("hw", "hw0") is as strong as a pinyin start: both are what an inspector types to narrow.
  if (normalizeQuery(item.code).startsWith(q)) return q.length >= 2 ? 2 : 3
  if (q.length >= 2 && keywords.some((k) => k.includes(q))) return 3
  if (q.length >= 3 && item.name.en.toLowerCase().includes(raw.toLowerCase())) return 3
  return null
}

/**
 * Items matching the query, best first. An empty query lists the line's items (or all), recent ones first.
 */
export function searchItems(entries: readonly ItemEntry[], query: string, options: SearchOptions = {}): SearchHit[] {
  const recentRank = new Map((options.recent ?? []).map((code, i) => [code, i] as const))
  const empty = normalizeQuery(query) === ''
  const hits: (SearchHit & { order: number; sub: number; away: number })[] = []
  entries.forEach((entry, order) => {
    const exact = !empty && isExactCode(query, entry.item.code)
    const away = options.line && entry.line !== options.line ? 1 : 0
    if (empty && away) return
    const match = empty ? 4 : exact ? 0 : matchTier(entry.item, query)
    if (match === null) return
    const recent = recentRank.get(entry.item.code)
    const rank = exact ? 0 : away // an exact code stands first wherever it is
    if (match !== 0 && recent !== undefined) hits.push({ ...entry, tier: 1, order, sub: recent, away: rank })
    else hits.push({ ...entry, tier: match, order, sub: 0, away: rank })
  })
  hits.sort((a, b) => Number(b.tier === 0) - Number(a.tier === 0) || a.away - b.away || a.tier - b.tier || a.sub - b.sub || a.order - b.order)
  const out = hits.slice(0, options.limit ?? hits.length)
  return out.map(({ order: _o, sub: _s, away: _a, ...hit }) => hit)
}

/** The recent list after using a code: it moves to the front, the list keeps at most `max`. */
export function pushRecent(recent: readonly string[], code: string, max = 12): string[] {
  return [code, ...recent.filter((c) => c !== code)].slice(0, max)
}
