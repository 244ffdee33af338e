// Hybrid logical clocks: wall-clock time that never runs backwards, with a counter and the device id as
// tie-break, so that two devices' edits of one field order the same way on every machine.
//
// Encoded as `<ms, 13 digits>-<counter, 4 hex>-<device>`: plain string comparison orders clocks.

export interface Hlc {
  ms: number
  counter: number
  device: string
}

const MAX_COUNTER = 0xffff
/** A remote clock further ahead of ours than this is refused rather than dragging ours into the future. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000

export function encodeHlc(h: Hlc): string {
  return `${String(h.ms).padStart(13, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.device}`
}

const PATTERN = /^(\d{13})-([0-9a-f]{4})-(.{1,100})$/

export function decodeHlc(s: string): Hlc | null {
  const m = PATTERN.exec(s)
  return m ? { ms: Number(m[1]), counter: parseInt(m[2]!, 16), device: m[3]! } : null
}

export const isHlc = (s: string): boolean => PATTERN.test(s)

/** Total order: time, then counter, then device id. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The next clock for a local event. */
export function tick(last: Hlc, now: number): Hlc {
  return now > last.ms ? { ms: now, counter: 0, device: last.device } : bump(last.ms, last.counter, last.device)
}

/** Our next clock after seeing a remote one; throws when the remote clock is implausibly far ahead. */
export function receive(local: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.ms - now > MAX_DRIFT_MS) throw new RangeError(`remote clock ${remote.ms} is more than a day ahead of ${now}`)
  const ms = Math.max(local.ms, remote.ms, now)
  if (ms === local.ms && ms === remote.ms) return bump(ms, Math.max(local.counter, remote.counter), local.device)
  if (ms === local.ms) return bump(ms, local.counter, local.device)
  if (ms === remote.ms) return bump(ms, remote.counter, local.device)
  return { ms, counter: 0, device: local.device }
}

function bump(ms: number, counter: number, device: string): Hlc {
  return counter < MAX_COUNTER ? { ms, counter: counter + 1, device } : { ms: ms + 1, counter: 0, device }
}
