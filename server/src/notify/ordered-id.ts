// Ids that sort in the order they were made (UUID version 7 with a counter), so that messages a transaction
// queues in the same millisecond are sent in the order they were queued.
import { randomBytes } from 'node:crypto'

let lastMs = -1
let counter = 0

export function orderedId(now: number): string {
  if (now > lastMs) {
    lastMs = now
    // Start low in the 12-bit counter, so many ids fit in one millisecond.
    counter = randomBytes(1)[0]!
  } else if (++counter > 0xfff) {
    lastMs++
    counter = 0
  }
  const hex = lastMs.toString(16).padStart(12, '0').slice(-12)
  const rand = randomBytes(8)
  rand[0] = (rand[0]! & 0x3f) | 0x80
  const tail = rand.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`
}
