// The named schemas of the API reference (components.schemas): the shared Zod schemas themselves, plus Zod
// descriptions of response bodies whose types live in shared/ as TypeScript interfaces. Each of those is checked
// against its interface at compile time (`satisfies z.ZodType<…>`), so the reference cannot drift from the code.
import { z } from 'zod'
import {
  Appeal,
  AppealDecisionRequest,
  AppealRequest,
  Checklist,
  ChecklistItem,
  Complaint,
  District,
  Finding,
  FundingBudget,
  GeoPoint,
  MediaExposure,
  RectificationOrder,
  Review,
  Role,
  ScoringPolicy,
  SurveyScore,
  User,
  Instant,
} from '@shared/domain'
import { ENTITIES, FindingChanges, Mutation, PullQuery, PushRequest, type Change as ChangeType, type PullResponse as PullResponseType, type PushResponse as PushResponseType } from '@shared/sync/protocol'
import { ERROR_STATUS, type ApiErrorBody, type ErrorCode } from '@shared/errors'
import type { FieldIssue as FieldIssueType } from '@shared/validation'
import type { ChangeNotice as ChangeNoticeType } from '../live/bus'
import { LoginRequest } from '../routes/auth.routes'
import { DISTRICT_WORK_COMPONENTS } from './district-work'

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]

export const FieldIssue = z.object({
  field: z.string().describe('Dotted path to the field, e.g. `location.lat`, `photos[0]`; `(root)` for the whole value'),
  code: z.string(),
  zh: z.string().describe('What is wrong, in Chinese'),
  en: z.string().describe('What is wrong, in English'),
}) satisfies z.ZodType<FieldIssueType>

export const ApiError = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().describe('For a person: what went wrong and what to do'),
      details: z.object({ issues: z.array(FieldIssue).optional() }).catchall(z.unknown()).optional(),
    }),
  })
  .describe('The body of every error response. No stack trace or internal detail is ever included.') satisfies z.ZodType<ApiErrorBody>

export const Health = z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) })

export const DistrictList = z.object({ districts: z.array(District) })

const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  districtCode: z.string().nullable(),
})

export const LoginResponse = z.object({
  token: z.string().describe('Bearer token; send it as `Authorization: Bearer …` together with `x-kaoping-device`'),
  sessionId: z.string(),
  expiresAt: Instant,
  user: SessionUser,
})

export const MeResponse = z.object({ user: SessionUser.extend({ deviceId: z.string() }) })

export const Ok = z.object({ ok: z.literal(true) })

/** What /api/sync/push accepts: the shared request plus the device's send time, used to measure its clock skew. */
export const PushBody = PushRequest.extend({ sentAt: Instant.optional() })

const Rejection = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  issues: z.array(z.object({ field: z.string(), zh: z.string(), en: z.string() })).optional(),
})
const Applied = z.object({ status: z.literal('applied'), entity: z.object({ type: z.string(), id: z.string() }).optional() })
const Rejected = z.object({ status: z.literal('rejected'), reason: Rejection })

export const MutationResult = z.discriminatedUnion('status', [
  Applied.extend({ id: z.string() }),
  Rejected.extend({ id: z.string() }),
  z
    .object({ id: z.string(), status: z.literal('duplicate'), first: z.discriminatedUnion('status', [Applied, Rejected]) })
    .describe('A replay: the mutation was seen before, and this is its first answer'),
])

export const PushResponse = z.object({
  results: z.array(MutationResult).describe('One per mutation sent, in the same order'),
  hlc: z.string().describe("The server's hybrid logical clock after this push"),
}) satisfies z.ZodType<PushResponseType>

export const Change = z.object({
  entity: z.enum(ENTITIES),
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown().optional().describe('The record after the change (Finding, Review, Checklist, District or ScoringPolicy)'),
}) satisfies z.ZodType<ChangeType>

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.string().describe('Opaque; send it back to continue. Never moves backwards'),
  more: z.boolean().describe('More changes are ready now: pull again at once'),
}) satisfies z.ZodType<PullResponseType>

export const ChangeNotice = z
  .object({
    entity: z.string(),
    id: z.string(),
    op: z.enum(['upsert', 'delete']),
    districtCode: z.string().nullable(),
    audience: z.string(),
    ownerId: z.string().nullable(),
  })
  .describe('Sent on /api/live as `event: change`: something changed; pull to get it') satisfies z.ZodType<ChangeNoticeType>

export const PhotoStatus = z.object({
  sha256: z.string(),
  size: z.number().int().describe('The whole photo, bytes'),
  received: z.number().int().describe('Bytes received and confirmed so far: where the next chunk starts'),
  complete: z.boolean(),
  mime: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
})

export const PhotoList = z.object({ photos: z.array(PhotoStatus), unknown: z.array(z.string()).describe('Hashes no upload has started for') })

/** Every named schema, under the name it has in the document. */
export const COMPONENTS = {
  ApiError,
  FieldIssue,
  GeoPoint,
  District,
  Checklist,
  ChecklistItem,
  Finding,
  FindingChanges,
  Review,
  RectificationOrder,
  Complaint,
  MediaExposure,
  SurveyScore,
  FundingBudget,
  ScoringPolicy,
  User,
  Mutation,
  PushRequest: PushBody,
  PushResponse,
  MutationResult,
  PullQuery,
  PullResponse,
  Change,
  ChangeNotice,
  PhotoStatus,
  PhotoList,
  LoginRequest,
  LoginResponse,
  MeResponse,
  Ok,
  Health,
  DistrictList,
  Appeal,
  AppealRequest,
  AppealDecisionRequest,
  ...DISTRICT_WORK_COMPONENTS,
} satisfies Record<string, z.ZodType>

export type ComponentName = keyof typeof COMPONENTS

export const componentRef = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` })

type JsonSchema = Record<string, unknown>

// Input form: a field with a default is optional, as a client may leave it out.
const CONVERT = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema
  return rest
}

/** components.schemas: the registry converted in one go, so a schema used inside another becomes a $ref. */
export function componentSchemas(): Record<ComponentName, JsonSchema> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id })
  const { schemas } = z.toJSONSchema(registry, { ...CONVERT, uri: (id) => `#/components/schemas/${id}` })
  const out = Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, strip(v as JsonSchema)])) as Record<ComponentName, JsonSchema>
  // The server takes `mutations` as unknown[] so that one bad mutation is rejected alone, not the whole batch;
  // the reference says what each one should be.
  const mutations = (out.PushRequest.properties as Record<string, JsonSchema>).mutations
  mutations.items = {
    ...componentRef('Mutation'),
    description: 'Each is validated on its own: an invalid one is answered `rejected`, the others still apply',
  }
  return out
}

/** A schema that is not a component (a path parameter, say), inlined. */
export function inlineSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, CONVERT) as JsonSchema)
}
