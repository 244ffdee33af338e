// Exact fractions: parsing, arithmetic, half-up rounding and the "num/den" JSON form.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Rational, scaledToString } from '@shared/scoring'

describe('Rational', () => {
  it('parses decimals exactly and normalises', () => {
    expect(Rational.fromDecimalString('0.05').toJSON()).toBe('1/20')
    expect(Rational.fromDecimalString('90').toJSON()).toBe('90/1')
    expect(Rational.fromDecimalString('-1.50').toJSON()).toBe('-3/2')
    expect(Rational.of(6, -4).toJSON()).toBe('-3/2')
    expect(Rational.parse('17999/200').toFixed(3)).toBe('89.995')
    expect(() => Rational.fromDecimalString('1e-3')).toThrow(RangeError)
    expect(() => Rational.of(1, 0)).toThrow(RangeError)
  })

  it('adds, subtracts, multiplies and divides without drift', () => {
    // 0.1 + 0.2 is 0.3 exactly, unlike in floating point.
    const sum = Rational.fromDecimalString('0.1').add(Rational.fromDecimalString('0.2'))
    expect(sum.equals(Rational.fromDecimalString('0.3'))).toBe(true)
    expect(Rational.of(1, 3).mul(Rational.of(3)).equals(Rational.ONE)).toBe(true)
    expect(Rational.of(1, 2).sub(Rational.of(2, 3)).toJSON()).toBe('-1/6')
    expect(Rational.of(3, 4).div(Rational.of(3, 8)).toJSON()).toBe('2/1')
    expect(Rational.of(1, 3).compare(Rational.of(333, 1000))).toBe(1)
    expect(JSON.stringify({ v: Rational.of(2, 6) })).toBe('{"v":"1/3"}')
  })

  it('rounds half-up at the given decimals', () => {
    expect(Rational.parse('17999/200').roundHalfUp(2)).toBe(9000n) // 89.995 → 90.00
    expect(Rational.parse('44997/500').roundHalfUp(2)).toBe(8999n) // 89.994 → 89.99
    expect(Rational.of(5, 2).roundHalfUp()).toBe(3n)
    expect(Rational.of(-5, 2).roundHalfUp()).toBe(-3n) // half away from zero
    expect(Rational.of(2, 3).toFixed(4)).toBe('0.6667')
    expect(scaledToString(-5, 3)).toBe('-0.005')
    expect(scaledToString(100_000, 3)).toBe('100.000')
  })

  it('rounds like exact integer arithmetic for any fraction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }), (n, d, k) => {
        const scaled = n * 10n ** BigInt(k)
        // Half-up: floor((2·n·10^k + d) / 2d).
        expect(Rational.of(n, d).roundHalfUp(k)).toBe((2n * scaled + d) / (2n * d))
      }),
    )
  })

  it('keeps field laws: (a + b) − b = a and (a × b) ÷ b = a', () => {
    const r = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([n, d]) => Rational.of(n, d))
    fc.assert(
      fc.property(r, r, (a, b) => {
        expect(a.add(b).sub(b).equals(a)).toBe(true)
        if (!b.isZero()) expect(a.mul(b).div(b).equals(a)).toBe(true)
        expect(Rational.parse(a.toJSON()).equals(a)).toBe(true)
      }),
    )
  })
})
