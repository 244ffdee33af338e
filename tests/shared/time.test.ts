// Time in the city's zone: month membership, month bounds, quarters and the fast instant parser.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addMonths, dateOf, instantMs, localParts, monthBounds, monthOf, monthsOfQuarter, quarterOf, zoneOffsetMs } from '@shared/time'

const SH = 'Asia/Shanghai'

describe('monthOf and dateOf', () => {
  it('reckons the month in the city zone, not UTC', () => {
    // 23:30 UTC on 31 October is 07:30 on 1 November in Shanghai.
    expect(monthOf('2026-10-31T23:30:00Z', SH)).toBe('2026-11')
    expect(monthOf('2026-10-31T23:30:00Z', 'UTC')).toBe('2026-10')
    expect(monthOf('2026-10-31T15:59:59.999Z', SH)).toBe('2026-10')
    expect(monthOf('2026-10-31T16:00:00Z', SH)).toBe('2026-11')
    expect(monthOf('2026-11-01T07:00:00+08:00', SH)).toBe('2026-11')
    expect(dateOf('2026-12-31T16:00:00Z', SH)).toBe('2027-01-01')
    expect(monthOf(new Date('2026-10-31T23:30:00Z'), SH)).toBe('2026-11')
    expect(localParts(Date.UTC(2026, 0, 1, 0, 0, 0), SH)).toEqual({ year: 2026, month: 1, day: 1, hour: 8, minute: 0, second: 0 })
  })

  it('works out the city\'s local time by arithmetic exactly as the browser\'s calendar does, summer time of 1991 included', () => {
    const byIntl = (ms: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, Number(p.value)]))
      return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second }
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(SH, 'UTC'), (ms, zone) => {
        expect(localParts(ms, zone)).toEqual(byIntl(ms, zone))
      }),
      { numRuns: 2000 },
    )
    // Shanghai's last summer time (UTC+9) ran from 14 April to 15 September 1991.
    expect(localParts(Date.UTC(1991, 6, 1, 0, 0, 0), SH).hour).toBe(9)
    for (const ms of [Date.UTC(1991, 11, 31, 15, 59, 59), Date.UTC(1991, 11, 31, 16, 0, 0), Date.UTC(1992, 0, 1)]) {
      expect(localParts(ms, SH)).toEqual(byIntl(ms, SH))
    }
  })

  it('knows zone offsets, including half hours and summer time', () => {
    expect(zoneOffsetMs('2026-07-01T00:00:00Z', SH)).toBe(8 * 3_600_000)
    expect(zoneOffsetMs('2026-07-01T00:00:00Z', 'Asia/Kolkata')).toBe(5.5 * 3_600_000)
    expect(zoneOffsetMs('2026-07-01T00:00:00Z', 'America/New_York')).toBe(-4 * 3_600_000)
    expect(zoneOffsetMs('2026-01-01T00:00:00Z', 'America/New_York')).toBe(-5 * 3_600_000)
    expect(() => monthOf('2026-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})

describe('monthBounds', () => {
  it('gives the month as [start, end) instants in the zone', () => {
    const nov = monthBounds('2026-11', SH)
    expect(new Date(nov.startMs).toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(new Date(nov.endMs).toISOString()).toBe('2026-11-30T16:00:00.000Z')
    // New York changes to summer time on 8 March 2026: March starts at UTC−5 and ends at UTC−4.
    const mar = monthBounds('2026-03', 'America/New_York')
    expect(new Date(mar.startMs).toISOString()).toBe('2026-03-01T05:00:00.000Z')
    expect(new Date(mar.endMs).toISOString()).toBe('2026-04-01T04:00:00.000Z')
  })

  it('finds the first instant of a month whose midnight does not exist', () => {
    // Samoa skipped 30 December 2011 and moved from UTC−10 to UTC+14: January 2012 starts at 2011-12-31T10:00Z.
    expect(new Date(monthBounds('2012-01', 'Pacific/Apia').startMs).toISOString()).toBe('2011-12-31T10:00:00.000Z')
  })

  it('puts every instant in exactly the month monthOf names', () => {
    const zones = fc.constantFrom(SH, 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Havana')
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), zones, (ms, zone) => {
        const m = monthOf(ms, zone)
        const { startMs, endMs } = monthBounds(m, zone)
        expect(startMs <= ms && ms < endMs).toBe(true)
        expect(monthOf(startMs, zone)).toBe(m)
        expect(monthOf(startMs - 1, zone)).toBe(addMonths(m, -1))
      }),
      { numRuns: 300 },
    )
  })
})

describe('months and quarters', () => {
  it('counts months and names quarters', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-05', -17)).toBe('2024-12')
    expect(quarterOf('2026-11')).toBe('2026-Q4')
    expect(quarterOf('2026-03')).toBe('2026-Q1')
    expect(monthsOfQuarter('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06'])
    expect(() => monthsOfQuarter('2026-Q5')).toThrow(RangeError)
    expect(() => quarterOf('2026-13')).toThrow(RangeError)
  })

  it('maps each month of a quarter back to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2200 }), fc.integer({ min: 1, max: 4 }), (year, q) => {
        const quarter = `${year}-Q${q}`
        for (const m of monthsOfQuarter(quarter)) expect(quarterOf(m)).toBe(quarter)
      }),
    )
  })
})

describe('instantMs', () => {
  it('parses the ISO forms the schemas accept', () => {
    expect(instantMs('2026-10-31T23:30:00Z')).toBe(Date.UTC(2026, 9, 31, 23, 30))
    expect(instantMs('2026-11-01T07:30:00+08:00')).toBe(Date.UTC(2026, 9, 31, 23, 30))
    expect(instantMs('2026-11-01T07:30:00.123456+08:00')).toBe(Date.UTC(2026, 9, 31, 23, 30, 0, 123))
    expect(instantMs('2026-10-31T20:30:00-03:30')).toBe(Date.UTC(2026, 10, 1, 0, 0))
    expect(instantMs('2026-10-31T23:30Z')).toBe(Date.UTC(2026, 9, 31, 23, 30)) // not the fast form: Date.parse
  })

  it('rejects what is not an instant', () => {
    for (const bad of ['2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01T07:30:00+8', 'yesterday']) {
      expect(instantMs(bad)).toBeNaN()
    }
  })

  it('agrees with Date.parse on every well-formed instant', () => {
    const offset = fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(
        ([s, h, m]) => `${s}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
      ),
    )
    const fraction = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 999_999 }).map((n) => `.${String(n).padStart(6, '0').slice(0, 1 + (n % 6))}`))
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), fraction, offset, (ms, frac, off) => {
        const s = new Date(ms).toISOString().slice(0, 19) + frac + off
        expect(instantMs(s)).toBe(Date.parse(s))
      }),
      { numRuns: 500 },
    )
  })
})
