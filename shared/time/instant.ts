// Instants as epoch milliseconds: a fast, exact parser for the ISO 8601 form the schemas accept.

const Z = 90 // 'Z'
const z = 122 // 'z'
const PLUS = 43
const MINUS = 45

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function digits(s: string, at: number, n: number): number {
  let v = 0
  for (let k = at; k < at + n; k++) {
    const c = s.charCodeAt(k) - 48
    if (c < 0 || c > 9) return -1
    v = v * 10 + c
  }
  return v
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`; fractions beyond milliseconds are truncated, as
 * Date.parse does. Anything else falls back to Date.parse; NaN when it is not an instant at all.
 * Written by hand because scoring parses every finding's time and Date.parse costs several times more.
 */
export function instantMs(s: string): number {
  const len = s.length
  if (len < 20 || s.charCodeAt(4) !== MINUS || s.charCodeAt(7) !== MINUS || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return Date.parse(s)
  }
  const t = s.charCodeAt(10)
  if (t !== 84 && t !== 116) return Date.parse(s)
  const year = digits(s, 0, 4)
  const month = digits(s, 5, 2)
  const day = digits(s, 8, 2)
  const hour = digits(s, 11, 2)
  const minute = digits(s, 14, 2)
  const second = digits(s, 17, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN
  let i = 19
  let ms = 0
  if (s.charCodeAt(i) === 46) {
    i++
    const from = i
    while (i < len) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      if (i - from < 3) ms = ms * 10 + c
      i++
    }
    if (i === from) return NaN
    for (let k = i - from; k < 3; k++) ms *= 10
  }
  let offsetMin = 0
  const sign = s.charCodeAt(i)
  if (sign === Z || sign === z) {
    if (i + 1 !== len) return NaN
  } else if (sign === PLUS || sign === MINUS) {
    if (i + 6 !== len || s.charCodeAt(i + 3) !== 58) return NaN
    const oh = digits(s, i + 1, 2)
    const om = digits(s, i + 4, 2)
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN
    offsetMin = (sign === PLUS ? 1 : -1) * (oh * 60 + om)
  } else {
    return NaN
  }
  const local = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms
  return local - offsetMin * 60_000
}
