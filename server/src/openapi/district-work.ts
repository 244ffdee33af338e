// The reference for what districts do beyond sheets: appeals against deductions, and the WeCom robots with the
// queue of messages to them. Components are checked against the server's own types, rows spread into ROUTES.
import { z } from 'zod'
import { Appeal, AppealStatus, DistrictCode, GeoPoint, Id, Instant, Line, Month } from '@shared/domain'
import type { AppealView as AppealViewType } from '../appeals/appeals.repo'
import type { HookState as HookStateType, NotificationItem as NotificationItemType } from '../notify/admin'
import { HookBody } from '../routes/notifications.routes'
import type { ParamDoc, RouteDoc } from './routes'

export const DISTRICT_WORK_TAGS = {
  appeals: 'Appeals (申诉) against deductions: filed by a district within the window after publication, decided by the bureau',
  notifications: "The districts' WeCom group robots and the queue of messages to them, for administrators; a robot's key is never answered back",
} as const

const Name = z.object({ zh: z.string(), en: z.string() })

export const AppealView = Appeal.extend({
  finding: z.object({
    itemCode: z.string(),
    itemName: Name,
    line: Line,
    deduction: z.number().int().describe('Thousandths of a point'),
    street: z.string(),
    recordedAt: Instant,
    photos: z.array(z.string()),
    location: GeoPoint,
  }),
  districtName: Name,
  filedByName: z.string(),
  decidedByName: z.string().optional().describe('Who decided, once decided'),
}).describe('An appeal with its finding and the names of its district, its filer and its decider') satisfies z.ZodType<AppealViewType>

export const AppealList = z.object({ items: z.array(AppealView).describe('Newest filing first') })

export const HookState = z.object({ districtCode: DistrictCode, configured: z.boolean() }) satisfies z.ZodType<HookStateType>

export const NotificationItem = z.object({
  id: Id,
  districtCode: DistrictCode,
  kind: z.string().describe('sheet_issued, deadline_near, overdue or verified'),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe("Why the last attempt failed, or that the district's robot is not configured"),
  createdAt: Instant,
  sentAt: Instant.nullable(),
  nextAttemptAt: Instant.nullable().describe('When the next attempt is due, while queued'),
  markdown: z.string().describe('The message as the robot receives it'),
}) satisfies z.ZodType<NotificationItemType>

export const NotificationList = z.object({
  hooks: z.array(HookState.extend({ districtName: Name })).describe('Every district, in code order'),
  items: z.array(NotificationItem).describe('Newest first'),
})

export const DISTRICT_WORK_COMPONENTS = { AppealView, AppealList, HookState, HookRequest: HookBody, NotificationItem, NotificationList }

type Doc = Omit<RouteDoc, 'tag'> & { tag: keyof typeof DISTRICT_WORK_TAGS }

const STAFF = ['supervisor', 'admin'] as const
const READERS = ['supervisor', 'admin', 'district'] as const
const ADMIN = ['admin'] as const
const id: ParamDoc = { schema: Id, description: 'The record id (UUID)' }
const code: ParamDoc = { schema: DistrictCode, description: 'Six-digit district code' }

export const DISTRICT_WORK_ROUTE_DOCS: Doc[] = [
  { method: 'post', path: '/api/appeals', tag: 'appeals', access: ['district'], summary: 'File an appeal against a deduction',
    description:
      "For a finding of the caller's district that counts (confirmed, or submitted while its month is unpublished), before its month " +
      "is published or within the policy's `appealWindowDays` after (reason `window_closed` after), with no other appeal pending or " +
      'granted on it (`already_appealed`). Evidence photos are SHA-256 of photos uploaded to /api/photos first. The id comes from the ' +
      'client: the same request again answers 200 with the appeal filed.',
    body: { description: 'The finding, the reason and evidence photos', component: 'AppealRequest' },
    ok: { status: 201, description: 'Filed, pending', component: 'Appeal', also: { 200: 'This request repeated one already applied' } },
    errors: ['conflict'] },
  { method: 'get', path: '/api/appeals', tag: 'appeals', access: READERS, summary: 'Appeals with their findings and decisions',
    description: 'A district user gets their own district only.',
    query: {
      status: { schema: AppealStatus, description: 'Only this state', required: false },
      month: { schema: Month, description: "Only appeals of this month's findings", required: false },
      district: { schema: DistrictCode, description: 'Only this district', required: false },
    },
    ok: { description: 'The appeals, newest filing first', component: 'AppealList' } },
  { method: 'get', path: '/api/appeals/{id}', tag: 'appeals', access: READERS, summary: 'One appeal',
    description: 'A district user: their own district only.',
    params: { id }, ok: { description: 'The appeal with its finding, and who decided it', component: 'AppealView' }, errors: ['not_found'] },
  { method: 'post', path: '/api/appeals/{id}/decision', tag: 'appeals', access: STAFF, summary: 'Uphold or grant an appeal',
    description:
      'Granted, the finding stops counting in every score; `decision.effect` records the deduction its line loses (after the item cap) and ' +
      "the district's composite before and after, scored as the month reads now (as published once published). The same decision " +
      'again by the same person answers the appeal as decided; another is refused (`already_decided`).',
    params: { id }, body: { description: '`upheld` or `granted`, and a note', component: 'AppealDecisionRequest' },
    ok: { description: 'The appeal as decided', component: 'Appeal' }, errors: ['not_found', 'conflict'] },

  { method: 'get', path: '/api/notifications', tag: 'notifications', access: ADMIN, summary: "Every district's robot and the message queue",
    description: 'Whether each district has a robot (never its key), and the messages with their state, attempts and last error.',
    query: {
      status: { schema: z.enum(['queued', 'sent', 'failed']), description: 'Only messages in this state', required: false },
      district: { schema: DistrictCode, description: 'Only messages to this district', required: false },
      limit: { schema: z.number().int().min(1).max(500).default(200), description: 'Most messages to return', required: false },
    },
    ok: { description: 'Robots and messages', component: 'NotificationList' } },
  { method: 'put', path: '/api/notifications/hooks/{code}', tag: 'notifications', access: ADMIN, summary: "Set or replace a district's robot",
    description: 'The key of the WeCom webhook URL (or the whole URL, from which the key is taken). It is kept on the server and never answered back.',
    params: { code }, body: { description: 'The robot key', component: 'HookRequest' },
    ok: { description: 'The district now has a robot', component: 'HookState' }, errors: ['not_found'] },
  { method: 'delete', path: '/api/notifications/hooks/{code}', tag: 'notifications', access: ADMIN, summary: "Remove a district's robot",
    description: 'Its messages wait in the queue until a robot is set again.',
    params: { code }, ok: { description: 'The district has no robot', component: 'HookState' }, errors: ['not_found'] },
  { method: 'post', path: '/api/notifications/{id}/retry', tag: 'notifications', access: ADMIN, summary: 'Send a failed message again',
    description: 'Back in the queue with its attempts reset, due now; only a failed message (else `not_failed`).',
    params: { id }, ok: { description: 'The message, queued', component: 'NotificationItem' }, errors: ['not_found', 'conflict'] },
]
