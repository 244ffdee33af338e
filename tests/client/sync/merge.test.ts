// The merge rules for a finding arriving from the server, as properties: a copy with a waiting entry is never
// touched, taking the server's copy twice is the same as once, the device's bookkeeping survives, and the reason
// shown is the latest matching review's whatever order reviews are stored in.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FINDING_STATUSES, type Finding, type Review } from '@shared/domain'
import type { LocalFinding } from '../../../client/src/db/db'
import { mergeFinding, reviewReasonFor, tombstone } from '../../../client/src/sync/merge'
import { finding } from '../../support/fixtures'

const base = finding('0b6f3e2a-5c1d-4a8e-9f47-2e8d1c6b3a90')

const serverCopy = fc.record({
  note: fc.string({ maxLength: 20 }),
  street: fc.string({ minLength: 1, maxLength: 20 }),
  quantity: fc.integer({ min: 1, max: 9 }),
  status: fc.constantFrom(...FINDING_STATUSES),
}).map((c): Finding => ({ ...base, ...c }))

const rejection = fc.option(fc.record({ code: fc.constantFrom('voided', 'not_owner'), zh: fc.constant('拒收'), en: fc.constant('refused') }), { nil: undefined })

const localCopy = fc
  .tuple(serverCopy, fc.constantFrom<0 | 1>(0, 1), rejection, fc.integer({ min: 0, max: 2 ** 40 }))
  .map(([f, pending, r, touchedAt]): LocalFinding => ({ ...f, pending, touchedAt, ...(r ? { rejection: r } : {}) }))

describe('merge of a server copy into the device', () => {
  it('never touches a copy that still has a waiting entry', () => {
    fc.assert(
      fc.property(localCopy, serverCopy, fc.option(fc.string(), { nil: undefined }), (local, server, reason) => {
        const pending = { ...local, pending: 1 as const }
        expect(mergeFinding(pending, server, reason, 1)).toBe(pending)
      }),
    )
  })

  it('otherwise takes the server copy whole, keeps the device bookkeeping, and is idempotent', () => {
    fc.assert(
      fc.property(localCopy, serverCopy, fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (local, server, reason) => {
        const settled = { ...local, pending: 0 as const }
        const once = mergeFinding(settled, server, reason, 5)
        expect(mergeFinding(once, server, reason, 9)).toEqual(once)
        const { pending, touchedAt, rejection: r, reviewReason, ...content } = once
        expect(content).toEqual(server)
        expect([pending, touchedAt, r, reviewReason]).toEqual([0, settled.touchedAt, settled.rejection, reason])
      }),
    )
    expect(mergeFinding(undefined, base, undefined, 42)).toEqual({ ...base, pending: 0, touchedAt: 42 })
  })

  it('drops a voided copy unless an entry is still waiting, which keeps it, marked void', () => {
    fc.assert(
      fc.property(localCopy, (local) => {
        const t = tombstone(local)
        if (local.pending === 1) expect(t).toMatchObject({ ...local, status: 'voided' })
        else expect(t).toBeNull()
      }),
    )
    expect(tombstone(undefined)).toBeNull()
  })

  it('shows the reason of the latest review that matches the status, in any order of storage', () => {
    const reviews = fc.array(
      fc.record({
        id: fc.uuid(),
        findingId: fc.constant(base.id),
        supervisorId: fc.constant('8c3d7f1b-2a9e-4b54-a6c8-7f1e0d2b9a43'),
        decision: fc.constantFrom<Review['decision']>('confirm', 'reject', 'send_back', 'restore'),
        reason: fc.string({ minLength: 1, maxLength: 10 }),
        at: fc.integer({ min: 0, max: 10 ** 6 }).map((n) => new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString()),
      }),
      { maxLength: 8 },
    )
    fc.assert(
      fc.property(reviews, fc.constantFrom(...FINDING_STATUSES), (list, status) => {
        const f = { ...base, status }
        const reason = reviewReasonFor(f, list)
        expect(reviewReasonFor(f, [...list].reverse())).toBe(reason)
        const wanted = status === 'rejected' ? 'reject' : status === 'sent_back' ? 'send_back' : null
        const matching = list.filter((r) => r.decision === wanted).sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1))
        expect(reason).toBe(matching.at(-1)?.reason)
      }),
    )
  })
})
