// The sync wire protocol between a device and the server: push a batch of mutations, pull changes by cursor.
import { z } from 'zod'
import { Id, Text } from '../domain/common.schema'
import { Finding, Quantity } from '../domain/finding.schema'
import { Review } from '../domain/review.schema'
import { GeoPoint, DistrictCode, Sha256 } from '../domain/common.schema'
import { ItemCode } from '../domain/checklist.schema'
import type { RectificationOrder } from '../domain/rectification.schema'
import { bilingual } from '../validation'
import { isHlc } from './hlc'

/** Bumped when the wire format changes incompatibly; older clients are told to update. */
export const PROTOCOL_VERSION = 1
export const PROTOCOL_HEADER = 'x-kaoping-protocol'
export const MAX_PUSH_MUTATIONS = 500
export const MAX_PULL_LIMIT = 5000

export const HlcString = z.string().refine(isHlc, bilingual('时钟值格式不正确', 'not a hybrid logical clock value'))

/** Fields of a finding its inspector may change after recording it. */
export const FindingChanges = z
  .strictObject({
    itemCode: ItemCode,
    checklistVersion: z.number().int().min(1),
    quantity: Quantity,
    deduction: z.number().int().min(0).max(100_000),
    location: GeoPoint,
    districtCode: DistrictCode,
    districtOverrideReason: Text(200),
    street: Text(200),
    note: Text(2000),
    photos: z.array(Sha256).max(12),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, bilingual('至少修改一个字段', 'change at least one field'))
export type FindingChanges = z.infer<typeof FindingChanges>

/** A district marks a sheet as being worked on. */
export const RectificationStart = z.strictObject({ orderId: Id })

/** A district submits its rectification of a sheet: after-photos (uploaded by hash like a finding's) and a note. */
export const RectificationSubmit = z.strictObject({
  orderId: Id,
  afterPhotos: z.array(Sha256).min(1, bilingual('至少附一张整改后照片', 'attach at least one after-photo')).max(12),
  note: Text(2000).default(''),
})
export type RectificationSubmit = z.infer<typeof RectificationSubmit>

/** An inspector's re-inspection of a submitted sheet: pass closes it, fail counts as rework and reopens it. */
export const RectificationVerify = z
  .strictObject({
    orderId: Id,
    result: z.enum(['pass', 'fail']),
    note: Text(1000).default(''),
    photos: z.array(Sha256).max(12).default([]),
  })
  .refine((v) => v.result === 'pass' || v.note.length > 0, {
    path: ['note'],
    ...bilingual('复查不合格须说明原因', 'a failed re-inspection needs a note saying why'),
  })
export type RectificationVerify = z.infer<typeof RectificationVerify>

const base = { id: Id, hlc: HlcString }

export const Mutation = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('finding.create'), payload: Finding }),
  z.strictObject({ ...base, type: z.literal('finding.update'), payload: z.strictObject({ id: Id, changes: FindingChanges }) }),
  z.strictObject({ ...base, type: z.literal('finding.void'), payload: z.strictObject({ id: Id, reason: Text(500).min(1) }) }),
  z.strictObject({ ...base, type: z.literal('review.create'), payload: Review }),
  z.strictObject({ ...base, type: z.literal('rectification.start'), payload: RectificationStart }),
  z.strictObject({ ...base, type: z.literal('rectification.submit'), payload: RectificationSubmit }),
  z.strictObject({ ...base, type: z.literal('rectification.verify'), payload: RectificationVerify }),
])
export type Mutation = z.infer<typeof Mutation>
export type MutationType = Mutation['type']

export const PushRequest = z.strictObject({
  deviceId: z.string().min(1).max(100),
  mutations: z.array(z.unknown()).min(1).max(MAX_PUSH_MUTATIONS),
})

export interface MutationRejection {
  code: string
  zh: string
  en: string
  issues?: { field: string; zh: string; en: string }[]
}

export type MutationResult =
  | { id: string; status: 'applied'; entity?: { type: string; id: string } }
  | { id: string; status: 'duplicate'; first: Omit<MutationResult, 'id'> & { status: 'applied' | 'rejected' } }
  | { id: string; status: 'rejected'; reason: MutationRejection }

export interface PushResponse {
  results: MutationResult[]
  /** The server's clock after this push, for the device to merge into its own. */
  hlc: string
}

export const ENTITIES = ['district', 'checklist', 'policy', 'finding', 'review', 'rectification', 'appeal', 'media', 'survey'] as const
export type Entity = (typeof ENTITIES)[number]

/** A finding as a sheet's reader needs it beside the sheet: what, where, how much, and its before-photos. */
export interface SheetFindingSummary {
  id: string
  itemCode: string
  itemName: { zh: string; en: string }
  line: string
  quantity: number
  /** Thousandths of a point. */
  deduction: number
  street: string
  location: { lat: number; lng: number; accuracy?: number }
  photos: string[]
  recordedAt: string
  inspectorId: string
}

/**
 * The `data` of a pulled `rectification` change: the sheet with its findings. District users pull their
 * district's sheets; an inspector pulls the sheets covering findings they recorded (their re-inspection tasks).
 */
export interface PulledRectification {
  order: RectificationOrder
  districtName: { zh: string; en: string }
  findings: SheetFindingSummary[]
}

export interface Change {
  entity: Entity
  id: string
  op: 'upsert' | 'delete'
  /** The record as it is after this change; absent for a delete. */
  data?: unknown
}

export interface PullResponse {
  changes: Change[]
  /** Opaque; send it back to continue. Never moves backwards. */
  cursor: string
  /** More changes are ready now: pull again at once. */
  more: boolean
}

export const PullQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
})
