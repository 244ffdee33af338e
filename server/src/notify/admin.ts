// What administrators do with the robots and the queue: set or remove a district's robot, see every district's
// robot (configured or not, never its key) and the messages with their state, and send a failed one again.
import type { Selectable } from 'kysely'
import type { Name } from '@shared/domain'
import type { NotificationTable, Queryable } from '../db/schema'
import { ApiError } from '../http/api-error'

export const NO_ROBOT = '该区未配置企业微信机器人，消息等待配置后发送 / no WeCom robot is configured for this district: the message waits for one'

export interface HookState {
  districtCode: string
  configured: boolean
}

export interface HookView extends HookState {
  districtName: Name
  updatedAt: string | null
}

export type NotificationStatus = 'queued' | 'sent' | 'failed'

export interface NotificationItem {
  id: string
  districtCode: string
  kind: string
  status: NotificationStatus
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  /** When the next attempt is due (queued only). */
  nextAttemptAt: string | null
  markdown: string
}

/**
 * The robot's key from what an administrator pastes: the key itself, or the whole webhook URL with `?key=`.
 * Undefined when it is neither.
 */
export function robotKey(input: string): string | undefined {
  const text = input.trim()
  let key = text
  if (/^https?:\/\//i.test(text)) {
    try {
      key = new URL(text).searchParams.get('key') ?? ''
    } catch {
      return undefined
    }
  }
  return /^[A-Za-z0-9_-]{8,128}$/.test(key) ? key : undefined
}

async function requireDistrict(db: Queryable, code: string): Promise<void> {
  const d = await db.selectFrom('districts').select('code').where('code', '=', code).executeTakeFirst()
  if (!d) throw new ApiError('not_found', `There is no district ${code}`, { districtCode: code })
}

export async function setHook(db: Queryable, code: string, key: string, userId: string, at: string): Promise<HookState> {
  await requireDistrict(db, code)
  await db
    .insertInto('district_webhooks')
    .values({ district_code: code, robot_key: key, updated_by: userId, updated_at: at })
    .onConflict((oc) => oc.column('district_code').doUpdateSet({ robot_key: key, updated_by: userId, updated_at: at }))
    .execute()
  return { districtCode: code, configured: true }
}

export async function deleteHook(db: Queryable, code: string): Promise<HookState> {
  await requireDistrict(db, code)
  await db.deleteFrom('district_webhooks').where('district_code', '=', code).execute()
  return { districtCode: code, configured: false }
}

/** Every district, with whether it has a robot. */
export async function listHooks(db: Queryable): Promise<HookView[]> {
  const rows = await db
    .selectFrom('districts as d')
    .leftJoin('district_webhooks as w', 'w.district_code', 'd.code')
    .select(['d.code', 'd.name_zh', 'd.name_en', 'w.updated_at'])
    .orderBy('d.code')
    .execute()
  return rows.map((r) => ({ districtCode: r.code, districtName: { zh: r.name_zh, en: r.name_en }, configured: r.updated_at !== null, updatedAt: r.updated_at }))
}

function toItem(r: Selectable<NotificationTable>, hooked: Set<string>): NotificationItem {
  const status = r.status as NotificationStatus
  const waiting = status === 'queued' && !hooked.has(r.district_code)
  return {
    id: r.id,
    districtCode: r.district_code,
    kind: r.kind,
    status,
    attempts: Number(r.attempts),
    lastError: waiting ? NO_ROBOT : r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: status === 'queued' ? new Date(Number(r.next_attempt_ms)).toISOString() : null,
    markdown: r.markdown,
  }
}

async function hookedDistricts(db: Queryable): Promise<Set<string>> {
  return new Set((await db.selectFrom('district_webhooks').select('district_code').execute()).map((r) => r.district_code))
}

export interface ItemFilter {
  status?: NotificationStatus
  district?: string
  limit: number
}

/** Newest first. */
export async function listItems(db: Queryable, f: ItemFilter): Promise<NotificationItem[]> {
  let q = db.selectFrom('notifications').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.district) q = q.where('district_code', '=', f.district)
  const rows = await q.orderBy('created_ms', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  const hooked = await hookedDistricts(db)
  return rows.map((r) => toItem(r, hooked))
}

/** A failed message goes back to the queue with its attempts reset, due now. */
export async function retryItem(db: Queryable, id: string, now: number): Promise<NotificationItem> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new ApiError('not_found', `There is no notification ${id}`, { id })
  if (row.status !== 'failed') {
    throw new ApiError('conflict', `Notification ${id} is ${row.status}: only a failed message can be sent again`, { reason: 'not_failed', status: row.status })
  }
  const r = await db
    .updateTable('notifications')
    .set({ status: 'queued', attempts: 0, next_attempt_ms: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('conflict', `Notification ${id} was sent again by someone else just now`, { reason: 'not_failed' })
  const after = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return toItem(after, await hookedDistricts(db))
}
