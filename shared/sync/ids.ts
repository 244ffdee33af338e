// Record and mutation ids made on devices: UUID version 7 (RFC 9562), whose first 48 bits are the creation time
// in ms. Ids made one after another sort together, so the server's indexes on them grow at one edge instead of
// touching pages all over the tree on every batch; the 74 random bits keep two devices from ever colliding.

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0')

/** A fresh UUIDv7; `now` is the creation time in ms (the device's clock). */
export function uuidv7(now: number = Date.now()): string {
  const r = new Uint8Array(10)
  crypto.getRandomValues(r)
  const ms = hex(Math.floor(now), 12)
  const randA = ((r[0]! & 0x0f) << 8) | r[1]!
  const randB = [(r[2]! & 0x3f) | 0x80, ...r.subarray(3, 10)]
  const b = randB.map((x) => hex(x, 2)).join('')
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(randA, 3)}-${b.slice(0, 4)}-${b.slice(4)}`
}
