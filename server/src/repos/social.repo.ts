// The social records in storage: complaints, media exposures, survey-team scores.
import type { Complaint, MediaExposure, SurveyScore } from '@shared/domain'
import type { ComplaintTable, Queryable as Q } from '../db/schema'

const bool = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0)

export function complaintToRow(c: Complaint, month: string): ComplaintTable {
  return {
    id: c.id,
    district_code: c.districtCode,
    month,
    category: c.category,
    description: c.description,
    lat: c.location?.lat ?? null,
    lng: c.location?.lng ?? null,
    accuracy: c.location?.accuracy ?? null,
    address: c.address,
    photos: JSON.stringify(c.photos),
    status: c.status,
    received_at: c.receivedAt,
    accepted: bool(c.accepted),
    accepted_at: c.acceptedAt ?? null,
    handling_deadline: c.handlingDeadline ?? null,
    handled_at: c.handledAt ?? null,
    satisfied: bool(c.satisfied),
    rated_at: c.ratedAt ?? null,
  }
}

export function rowToComplaint(r: ComplaintTable): Complaint {
  const opt = <T>(k: string, v: T | null) => (v === null ? {} : { [k]: v })
  return {
    id: r.id,
    districtCode: r.district_code,
    category: r.category,
    description: r.description,
    ...(r.lat !== null && r.lng !== null ? { location: { lat: r.lat, lng: r.lng, accuracy: r.accuracy ?? 0 } } : {}),
    address: r.address,
    photos: JSON.parse(r.photos),
    status: r.status as Complaint['status'],
    receivedAt: r.received_at,
    ...opt('accepted', r.accepted === null ? null : r.accepted === 1),
    ...opt('acceptedAt', r.accepted_at),
    ...opt('handlingDeadline', r.handling_deadline),
    ...opt('handledAt', r.handled_at),
    ...opt('satisfied', r.satisfied === null ? null : r.satisfied === 1),
    ...opt('ratedAt', r.rated_at),
  }
}

export async function insertComplaints(db: Q, rows: ComplaintTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('complaints').values(rows.slice(i, i + 500)).execute()
}

export async function insertMedia(db: Q, items: MediaExposure[]): Promise<void> {
  if (!items.length) return
  await db
    .insertInto('media_exposures')
    .values(
      items.map((m) => ({
        id: m.id,
        district_code: m.districtCode,
        line: m.line ?? null,
        month: m.month,
        outlet: m.outlet,
        title: m.title,
        url: m.url ?? null,
        published_at: m.publishedAt,
        deduction: m.deduction,
        entered_by: m.enteredBy,
      })),
    )
    .execute()
}

export async function insertSurveyScores(db: Q, items: SurveyScore[]): Promise<void> {
  if (!items.length) return
  await db
    .insertInto('survey_scores')
    .values(items.map((s) => ({ district_code: s.districtCode, month: s.month, score: s.score, entered_by: s.enteredBy, entered_at: s.enteredAt })))
    .execute()
}
