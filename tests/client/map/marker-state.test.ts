import { describe, expect, it } from 'vitest'
import type { LocalFinding, LocalPhoto } from '../../../client/src/db/db'
import { FINDING_STATES, STATE_COLOURS, findingState } from '../../../client/src/features/map/marker-state'

const SHA = 'a'.repeat(64)
const finding = (over: Partial<LocalFinding> = {}): LocalFinding =>
  ({ id: 'f1', status: 'submitted', pending: 0, touchedAt: 0, photos: [SHA], ...over }) as LocalFinding
const photo = (done: 0 | 1) => ({ sha256: SHA, findingId: 'f1', done }) as LocalPhoto

describe('marker states', () => {
  it('list every state the sync module can answer, each with a colour of its own', () => {
    const answered = new Set([
      findingState(finding({ pending: 1 })),
      findingState(finding(), [photo(0)]),
      findingState(finding(), [photo(1)]),
      findingState(finding({ status: 'confirmed' })),
      findingState(finding({ status: 'rejected' })),
      findingState(finding({ status: 'sent_back' })),
      findingState(finding({ status: 'voided' })),
      findingState(finding({ rejection: { code: 'invalid', message: 'x' } as never })),
    ])
    expect([...answered].sort()).toEqual([...FINDING_STATES].sort())
    expect(Object.keys(STATE_COLOURS).sort()).toEqual([...FINDING_STATES].sort())
    expect(new Set(Object.values(STATE_COLOURS)).size).toBe(FINDING_STATES.length)
  })
})
