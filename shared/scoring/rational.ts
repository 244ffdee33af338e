// Exact fractions over BigInt for means, weights and rates: scores never pass through floating point.

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a
  if (b < 0n) b = -b
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/
const FRACTION_RE = /^(-?\d+)\/(\d+)$/

/** A normalised fraction num/den: den > 0, gcd(num, den) = 1. Immutable. */
export class Rational {
  readonly num: bigint
  readonly den: bigint

  private constructor(num: bigint, den: bigint) {
    this.num = num
    this.den = den
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num)
    let d = BigInt(den)
    if (d === 0n) throw new RangeError('division by zero')
    if (d < 0n) {
      n = -n
      d = -d
    }
    const g = gcd(n, d)
    return g === 1n || g === 0n ? new Rational(n, d) : new Rational(n / g, d / g)
  }

  static readonly ZERO = Rational.of(0n)
  static readonly ONE = Rational.of(1n)

  /** Parses an exact decimal ("0.05", "90", "-1.5") without passing through binary floating point. */
  static fromDecimalString(text: string): Rational {
    const m = DECIMAL_RE.exec(text.trim())
    if (!m) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`)
    const frac = m[3] ?? ''
    const n = BigInt(m[2] + frac)
    return Rational.of(m[1] ? -n : n, 10n ** BigInt(frac.length))
  }

  /** Parses the "num/den" form that toJSON writes. */
  static parse(text: string): Rational {
    const m = FRACTION_RE.exec(text)
    if (!m) throw new RangeError(`not a fraction "num/den": ${JSON.stringify(text)}`)
    return Rational.of(BigInt(m[1]), BigInt(m[2]))
  }

  /** An integer count of units of 10^-decimals: fromScaled(8999, 2) = 89.99. */
  static fromScaled(value: bigint | number, decimals: number): Rational {
    return Rational.of(BigInt(value), 10n ** BigInt(decimals))
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den)
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den)
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den)
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero')
    return Rational.of(this.num * o.den, this.den * o.num)
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than `o`. */
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den
    const r = o.num * this.den
    return l < r ? -1 : l > r ? 1 : 0
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den
  }

  isZero(): boolean {
    return this.num === 0n
  }

  static min(a: Rational, b: Rational): Rational {
    return a.compare(b) <= 0 ? a : b
  }

  static max(a: Rational, b: Rational): Rational {
    return a.compare(b) >= 0 ? a : b
  }

  /**
   * Rounds half-up (half away from zero, the commercial rule; the same for the non-negative values scored
   * here) to `decimals` places and returns the count of 10^-decimals units: 89.995 → 9000n for 2 places.
   */
  roundHalfUp(decimals = 0): bigint {
    const scale = 10n ** BigInt(decimals)
    const neg = this.num < 0n
    const n = (neg ? -this.num : this.num) * scale
    const q = n / this.den
    const rounded = (n % this.den) * 2n >= this.den ? q + 1n : q
    return neg ? -rounded : rounded
  }

  /** Decimal text rounded half-up to `decimals` places: "89.99". */
  toFixed(decimals: number): string {
    return scaledToString(this.roundHalfUp(decimals), decimals)
  }

  toString(): string {
    return `${this.num}/${this.den}`
  }

  /** JSON form "num/den", exact; results carry it beside a display string. */
  toJSON(): string {
    return this.toString()
  }
}

/** Text of an integer count of 10^-decimals units: (8999, 2) → "89.99", (-5, 3) → "-0.005". */
export function scaledToString(value: bigint | number, decimals: number): string {
  const v = BigInt(value)
  const neg = v < 0n
  const digits = (neg ? -v : v).toString().padStart(decimals + 1, '0')
  const int = digits.slice(0, digits.length - decimals)
  const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''
  return `${neg ? '-' : ''}${int}${frac}`
}
