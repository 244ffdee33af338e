// A district files an appeal against one of its deductions. It must count (confirmed, or submitted while the month
// is still preliminary), the window must be open (always before publication; then the policy's appealWindowDays
// after it), and the finding may have one open appeal at a time. The id is the client's: the same request again
// answers with the appeal already filed.
import { sql, type Transaction } from 'kysely'
import { DEFAULT_POLICY, type Appeal, type AppealRequest } from '@shared/domain'
import type { FieldIssue } from '@shared/validation'
import type { AuthUser } from '../auth/middleware'
import type { Db } from '../db/database'
import type { Database, Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'
import type { ChangeNotice } from '../live/bus'
import { findPhotos } from '../photos/photos.repo'
import { isUniqueViolation } from '../rectification/unique-violation'
import { policyFor } from '../repos/reference.repo'
import { policyVersion } from '../scores/month-data'
import { appendChanges } from '../sync/change-log'
import { getAppeal, insertAppeal } from './appeals.repo'

const DAY_MS = 86_400_000

export interface FileOutcome {
  appeal: Appeal
  created: boolean
  notices: ChangeNotice[]
}

const issue = (field: string, code: string, zh: string, en: string): FieldIssue => ({ field, code, zh, en })

/** Serialises writers of one key for the rest of the transaction (PostgreSQL; SQLite has one writer anyway). */
export async function lockFor(tx: Transaction<Database>, db: Db, key: string): Promise<void> {
  if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx)
}

/** When the month's appeal window closes (ms), or null while the month is unpublished and the window open. */
export async function windowCloses(db: Queryable, month: string): Promise<{ publishedAt: string; closes: number; days: number } | null> {
  const pub = await db.selectFrom('published_months').select(['published_at', 'policy_version']).where('month', '=', month).executeTakeFirst()
  if (!pub) return null
  const policy = (await policyVersion(db, pub.policy_version)) ?? (await policyFor(db, month)) ?? DEFAULT_POLICY
  const days = policy.appealWindowDays
  return { publishedAt: pub.published_at, closes: Date.parse(pub.published_at) + days * DAY_MS, days }
}

const sameRequest = (a: Appeal, req: AppealRequest, user: AuthUser) =>
  a.filedBy === user.id && a.findingId === req.findingId && a.reason === req.reason && a.photos.join() === req.photos.join()

async function replay(db: Queryable, req: AppealRequest, user: AuthUser): Promise<Appeal | undefined> {
  const existing = await getAppeal(db, req.id)
  if (!existing) return undefined
  if (!sameRequest(existing, req, user)) {
    throw new ApiError('conflict', `A different appeal was already filed under id ${req.id}: use a new id for a new appeal`, { reason: 'id_taken', id: req.id })
  }
  return existing
}

async function checkPhotos(db: Queryable, photos: readonly string[]): Promise<void> {
  const known = new Set((await findPhotos(db, [...photos])).filter((p) => p.complete).map((p) => p.sha256))
  const missing = photos.flatMap((sha, i) =>
    known.has(sha) ? [] : [issue(`photos[${i}]`, 'photo_missing', '证据照片尚未上传完成，请先上传照片', `photo ${sha.slice(0, 12)}… has not been uploaded (PUT /api/photos/${sha} first)`)],
  )
  if (missing.length) throw ApiError.validation(missing)
}

export async function fileAppeal(db: Db, user: AuthUser, req: AppealRequest, now = Date.now()): Promise<FileOutcome> {
  const at = new Date(now).toISOString()
  try {
    return await db.kysely.transaction().execute(async (tx) => {
      await lockFor(tx, db, `appeal-finding:${req.findingId}`)
      const prior = await replay(tx, req, user)
      if (prior) return { appeal: prior, created: false, notices: [] }

      const f = await tx.selectFrom('findings').select(['id', 'district_code', 'month', 'status', 'item_code', 'street']).where('id', '=', req.findingId).executeTakeFirst()
      if (!f) throw ApiError.validation([issue('findingId', 'not_found', `找不到扣分记录 ${req.findingId}`, `there is no finding ${req.findingId}`)])
      if (user.districtCode !== f.district_code) {
        throw new ApiError('forbidden', `Finding ${f.id} belongs to another district: a district appeals only its own deductions`, { reason: 'other_district' })
      }

      const window = await windowCloses(tx, f.month)
      const counts = f.status === 'confirmed' || (f.status === 'submitted' && window === null)
      if (!counts) {
        throw new ApiError('conflict', `Finding ${f.id} (${f.item_code}, ${f.street}) is ${f.status}: only a deduction that counts can be appealed — a confirmed one, or a submitted one while its month is preliminary`, {
          reason: 'not_confirmed',
          status: f.status,
        })
      }
      if (window && now >= window.closes) {
        throw new ApiError(
          'conflict',
          `The appeal window of ${f.month} closed on ${new Date(window.closes).toISOString()}: ${window.days} days after the month was published (${window.publishedAt})`,
          { reason: 'window_closed', month: f.month, publishedAt: window.publishedAt, closesAt: new Date(window.closes).toISOString(), days: window.days },
        )
      }
      const open = await tx.selectFrom('appeals').select(['id', 'status']).where('finding_id', '=', f.id).where('status', 'in', ['pending', 'granted']).executeTakeFirst()
      if (open) {
        throw new ApiError(
          'conflict',
          open.status === 'pending'
            ? `Finding ${f.id} already has an appeal waiting for a decision (${open.id})`
            : `Finding ${f.id} was already appealed and the appeal granted (${open.id}): it no longer counts`,
          { reason: 'already_appealed', appealId: open.id, status: open.status },
        )
      }
      await checkPhotos(tx, req.photos)

      const appeal: Appeal = {
        id: req.id,
        findingId: f.id,
        districtCode: f.district_code,
        month: f.month,
        reason: req.reason,
        photos: req.photos,
        filedBy: user.id,
        filedAt: at,
        status: 'pending',
      }
      await insertAppeal(tx, appeal)
      const notices = await appendChanges(
        tx,
        [{ entity: 'appeal', id: appeal.id, op: 'upsert', audience: 'district', districtCode: appeal.districtCode, data: appeal, actorId: user.id, deviceId: user.deviceId }],
        at,
      )
      return { appeal, created: true, notices }
    })
  } catch (err) {
    // The same request committed first on another connection (SQLite has no advisory lock to wait on).
    if (!isUniqueViolation(err)) throw err
    const prior = await replay(db.kysely, req, user)
    if (prior) return { appeal: prior, created: false, notices: [] }
    throw err
  }
}
