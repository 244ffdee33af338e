// Canonical JSON (sorted keys, no spaces) and the deterministic choice between records that share a key.
import type { DuplicateNote } from './types'

function sortedKeys(rec: Record<string, unknown>): string[] {
  const keys = Object.keys(rec)
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort() // most records arrive sorted already
  return keys
}

function write(value: unknown, out: string[]): void {
  if (value === null) {
    out.push('null')
  } else if (Array.isArray(value)) {
    out.push('[')
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',')
      write(value[i] === undefined ? null : value[i], out)
    }
    out.push(']')
  } else if (typeof value === 'object') {
    const rec = value as Record<string, unknown>
    let first = true
    out.push('{')
    for (const k of sortedKeys(rec)) {
      if (rec[k] === undefined) continue
      out.push(first ? '' : ',', JSON.stringify(k), ':')
      first = false
      write(rec[k], out)
    }
    out.push('}')
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value}`)
    out.push(JSON.stringify(value))
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push(JSON.stringify(value))
  } else {
    throw new TypeError(`canonical JSON has no form for a ${typeof value}`)
  }
}

/** JSON with object keys sorted and undefined members left out, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  write(value, out)
  return out.join('')
}

/**
 * Of several records that claim the same identity, the one whose canonical JSON sorts last: an arbitrary
 * rule, but one that makes the choice independent of the order the records arrived in.
 */
export function pickLast<T>(copies: readonly T[]): T {
  let best = copies[0]
  let bestJson = canonicalJson(best)
  for (let i = 1; i < copies.length; i++) {
    const json = canonicalJson(copies[i])
    if (json > bestJson) {
      best = copies[i]
      bestJson = json
    }
  }
  return best
}

/** One record per key (the JSON-last of any copies), sorted by key; keys that had copies are noted. */
export function dedupeBy<T>(
  records: readonly T[],
  keyOf: (r: T) => string,
  kind: DuplicateNote['kind'],
): { kept: T[]; duplicates: DuplicateNote[] } {
  const byKey = new Map<string, T[]>()
  for (const r of records) {
    const k = keyOf(r)
    const list = byKey.get(k)
    if (list) list.push(r)
    else byKey.set(k, [r])
  }
  const keys = [...byKey.keys()].sort()
  const duplicates: DuplicateNote[] = []
  const kept = keys.map((k) => {
    const copies = byKey.get(k)!
    if (copies.length > 1) duplicates.push({ kind, key: k, copies: copies.length })
    return copies.length > 1 ? pickLast(copies) : copies[0]
  })
  return { kept, duplicates }
}
