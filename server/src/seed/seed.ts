// Fills an empty database with Harbin's districts, the checklists, the default policy, one user per role
// and demo months — the last complete quarter up to the current month — so that every screen has something to show.
import type { Kysely } from 'kysely'
import { DEFAULT_POLICY } from '@shared/domain'
import { DEMO_PASSWORD, DEMO_USERS, SEED_CHECKLISTS, demoData, harbinDistricts } from '@shared/seed'
import { addMonths, monthOf, monthsOfQuarter, quarterOf } from '@shared/time'
import { hashPassword } from '../auth/password'
import type { Database } from '../db/schema'
import { insertDistricts } from '../repos/districts.repo'
import { findingToRow, insertFindings, insertReviews } from '../repos/findings.repo'
import { insertBudgets, insertChecklists, insertPolicy } from '../repos/reference.repo'
import { complaintToRow, insertComplaints, insertMedia, insertSurveyScores } from '../repos/social.repo'
import { countUsers, insertUser } from '../repos/users.repo'
import { appendChanges, type ChangeEntry } from '../sync/change-log'
import { seedDemoSheets } from './demo-sheets'

/** Months of demo data for "now": from the start of the previous quarter to the current month. */
export function demoMonths(now: number, timeZone: string): string[] {
  const current = monthOf(now, timeZone)
  const first = monthsOfQuarter(quarterOf(addMonths(current, -3)))[0]
  const months: string[] = []
  for (let m = first; m <= current; m = addMonths(m, 1)) months.push(m)
  return months
}

/** Seeds only a database with no users; returns a summary, or null when there was nothing to do. */
export async function seedIfEmpty(
  db: Kysely<Database>,
  opts: { timeZone: string; now?: number; demoMonths?: boolean; /** Also a few problem assignment sheets for the districts (with demo months). */ demoSheets?: boolean },
): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null
  const now = opts.now ?? Date.now()
  const stamp = new Date(now).toISOString()
  const months = opts.demoMonths === false ? [] : demoMonths(now, opts.timeZone)
  // Hash before the transaction: scrypt is slow and must not hold the write lock.
  const hash = await hashPassword(DEMO_PASSWORD)
  let findings = 0
  let sheets = 0
  await db.transaction().execute(async (tx) => {
    const districts = harbinDistricts()
    await insertDistricts(tx, districts)
    await insertChecklists(tx, SEED_CHECKLISTS, stamp)
    await insertPolicy(tx, DEFAULT_POLICY, stamp)
    for (const user of DEMO_USERS) await insertUser(tx, user, hash, stamp)
    const changes: ChangeEntry[] = [
      ...districts.map((d) => ({ entity: 'district', id: d.code, op: 'upsert', audience: 'public', data: d }) as const),
      ...SEED_CHECKLISTS.map((c) => ({ entity: 'checklist', id: `${c.id}@${c.version}`, op: 'upsert', audience: 'public', data: c }) as const),
      { entity: 'policy', id: String(DEFAULT_POLICY.version), op: 'upsert', audience: 'public', data: DEFAULT_POLICY },
    ]
    for (const month of months) {
      const demo = demoData(month)
      findings += demo.findings.length
      await insertFindings(tx, demo.findings.map((f) => findingToRow(f, monthOf(f.recordedAt, opts.timeZone), f.recordedAt)))
      await insertReviews(tx, demo.reviews)
      const owner = new Map(demo.findings.map((f) => [f.id, f]))
      for (const f of demo.findings) {
        changes.push({ entity: 'finding', id: f.id, op: 'upsert', audience: 'owner', districtCode: f.districtCode, ownerId: f.inspectorId, data: f })
      }
      for (const r of demo.reviews) {
        const f = owner.get(r.findingId)!
        changes.push({ entity: 'review', id: r.id, op: 'upsert', audience: 'owner', districtCode: f.districtCode, ownerId: f.inspectorId, data: r })
      }
      await insertComplaints(tx, demo.complaints.map((c) => complaintToRow(c, monthOf(c.receivedAt, opts.timeZone))))
      await insertMedia(tx, demo.mediaExposures)
      await insertSurveyScores(tx, demo.surveyScores)
      await insertBudgets(tx, demo.fundingBudgets)
    }
    await appendChanges(tx, changes, stamp)
    if (opts.demoSheets && months.length) sheets = await seedDemoSheets(tx, now, opts.timeZone)
  })
  if (!months.length) return `${DEMO_USERS.length} users, reference data only`
  return `${DEMO_USERS.length} users, ${findings} findings over ${months[0]} … ${months.at(-1)}${sheets ? `, ${sheets} assignment sheets` : ''}`
}
