// How a finding from the server meets the device's copy. Pure functions, so the rules are tested on their own.
//
// A finding is owned by its inspector, and this device is (one of) that inspector's. While the device still has
// an outbox entry for the finding, its copy is newer than anything the server can send: the server's copy
// predates the entry, and the entry's own effect comes back in a later change once it is applied. So a pending
// copy is kept whole; otherwise the server's copy is taken, with the device's bookkeeping kept beside it.
import type { Finding, Review } from '@shared/domain'
import type { LocalFinding } from '../db/db'

const DECIDED: Partial<Record<Finding['status'], Review['decision']>> = { rejected: 'reject', sent_back: 'send_back' }

/** The finding after the server's copy arrives; the same object as `local` when nothing changes. */
export function mergeFinding(local: LocalFinding | undefined, server: Finding, reviewReason: string | undefined, now: number): LocalFinding {
  if (local?.pending === 1) return local
  return {
    ...server,
    pending: 0,
    touchedAt: local?.touchedAt ?? now,
    // A refusal of this device's own mutation stays until the inspector has dealt with it.
    ...(local?.rejection ? { rejection: local.rejection } : {}),
    ...(reviewReason ? { reviewReason } : {}),
  }
}

/**
 * The finding after the server voided it: gone from the device, unless the device has an entry still waiting,
 * which keeps the record (marked void) so that the server's answer to the entry has somewhere to show.
 */
export function tombstone(local: LocalFinding | undefined): LocalFinding | null {
  if (!local || local.pending !== 1) return null
  return local.status === 'voided' ? local : { ...local, status: 'voided' }
}

/** The supervisor's reason behind a rejected or sent-back finding: that of the latest such review. */
export function reviewReasonFor(finding: Finding, reviews: readonly Review[]): string | undefined {
  const decision = DECIDED[finding.status]
  if (!decision) return undefined
  let latest: Review | undefined
  for (const r of reviews) {
    if (r.findingId !== finding.id || r.decision !== decision) continue
    if (!latest || r.at > latest.at || (r.at === latest.at && r.id > latest.id)) latest = r
  }
  return latest?.reason || undefined
}
