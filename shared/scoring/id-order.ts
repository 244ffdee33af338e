// The canonical (code-unit lexicographic) order of many record ids, by radix sort on a prefix.
//
// Sorting 100,000 ids with a comparator costs more than the rest of a month's scoring, so ids are ordered
// by an LSD radix sort on their first PREFIX characters (one character, 7 bits, per pass) and only runs
// that share the whole prefix are finished with string comparison. A character ≥ 127 ends the prefix (it
// and the rest count as 127, 0, 0…), which keeps the prefix order consistent with full string order for any text.
// Each character position is its own small column and there are only 128 buckets, so every pass stays in cache
// and the time grows with the number of ids, not faster.

const PREFIX = 10
const BUCKETS = 128

export interface IdOrder {
  /** Indices of the ids in ascending string order. */
  order: Uint32Array
  /** 1 at sorted position i when the id there shares its prefix with the one before, so the two may be equal. */
  tiedWithPrevious: Uint8Array
}

/** Indices of `ids` in ascending string order (the order of `a < b`); equal ids end up adjacent. */
export function canonicalOrder(ids: readonly string[]): Uint32Array {
  return sortIds(ids).order
}

/** canonicalOrder, plus which neighbours may be equal, found without touching the strings again. */
export function sortIds(ids: readonly string[]): IdOrder {
  const n = ids.length
  const columns = Array.from({ length: PREFIX }, () => new Uint8Array(n))
  for (let i = 0; i < n; i++) {
    const s = ids[i]
    const len = s.length < PREFIX ? s.length : PREFIX
    for (let k = 0; k < len; k++) {
      const c = s.charCodeAt(k)
      if (c >= 127) {
        columns[k][i] = 127
        break
      }
      columns[k][i] = c
    }
  }
  let order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let next = new Uint32Array(n)
  const counts = new Uint32Array(BUCKETS + 1)
  for (let pos = PREFIX - 1; pos >= 0; pos--) {
    const column = columns[pos]
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[column[i] + 1]++
    if (n === 0 || counts[column[0] + 1] === n) continue // every id has the same character here
    for (let b = 1; b <= BUCKETS; b++) counts[b] += counts[b - 1]
    for (let i = 0; i < n; i++) {
      const idx = order[i]
      next[counts[column[idx]]++] = idx
    }
    const t = order
    order = next
    next = t
  }
  const samePrefix = (a: number, b: number): boolean => {
    for (let k = 0; k < PREFIX; k++) if (columns[k][a] !== columns[k][b]) return false
    return true
  }
  // Finish runs whose prefixes are equal with full comparison.
  const tiedWithPrevious = new Uint8Array(n)
  let i = 0
  while (i < n) {
    let j = i + 1
    while (j < n && samePrefix(order[i], order[j])) tiedWithPrevious[j++] = 1
    if (j - i > 1) {
      const run = Array.from(order.subarray(i, j)).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0))
      order.set(run, i)
    }
    i = j
  }
  return { order, tiedWithPrevious }
}
