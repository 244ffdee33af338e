// The API's routes as the reference describes them: one row per method and path. Add a row when a route is
// mounted; tests/server/openapi.test.ts fails while a mounted route has no row here.
import { z } from 'zod'
import { DistrictCode, Month, Quarter, Sha256, type Role } from '@shared/domain'
import { PROTOCOL_HEADER, PROTOCOL_VERSION, PullQuery } from '@shared/sync/protocol'
import type { ErrorCode } from '@shared/errors'
import type { ComponentName } from './components'
import { SUPERVISOR_ROUTE_DOCS, SUPERVISOR_TAGS } from '../rectification/route-docs'
import { DISTRICT_WORK_ROUTE_DOCS, DISTRICT_WORK_TAGS } from './district-work'

export type Method = 'get' | 'post' | 'put' | 'delete' | 'head'

export interface ParamDoc {
  schema: z.ZodType
  description: string
  required?: boolean
}

/** A body or response: a named component, or something else described in words (bytes, an event stream). */
export interface Payload {
  description: string
  component?: ComponentName
  /** Defaults to application/json. */
  contentType?: string
  /** For payloads that are not a component, e.g. `{ type: 'string', format: 'binary' }`. */
  schema?: Record<string, unknown>
}

export interface RouteDoc {
  method: Method
  /** OpenAPI form, parameters in braces: `/api/scores/months/{month}`. */
  path: string
  tag: Tag
  summary: string
  description?: string
  /** Who may call it: anyone, anyone signed in, or only these roles. */
  access: 'public' | 'signed-in' | readonly Role[]
  params?: Record<string, ParamDoc>
  query?: Record<string, ParamDoc>
  headers?: Record<string, ParamDoc>
  body?: Payload
  ok: Payload & { status?: number; /** Other answers that are not errors: status → description (2xx ones with the same body). */ also?: Record<number, string> }
  /** Errors this route answers besides those that follow from the above (400 for bad input, 401, 403, 500). */
  errors?: ErrorCode[]
  /** The live stream also takes its credentials in the query string, as EventSource cannot send headers. */
  queryAuth?: boolean
}

export const TAGS = {
  service: 'Health, the reference itself, and public reference data',
  auth: 'Signing in and out; sessions are bound to the device they were issued to',
  sync: `The sync protocol (version ${PROTOCOL_VERSION}): push mutations, pull changes by cursor, and the live stream of change notices`,
  photos: 'Photos addressed by their SHA-256: uploaded separately from findings, resumable, verified by the server',
  scores: 'Monthly and quarterly scores, their explanation, publication and funding',
  findings: "Findings for the supervisor's map and list, their history and computation, duplicates, merging and confirming many",
  ...SUPERVISOR_TAGS,
  ...DISTRICT_WORK_TAGS,
} as const
export type Tag = keyof typeof TAGS

const STAFF = ['supervisor', 'admin'] as const
/** Inspectors record findings and do not read scores. */
const SCORE_READERS = ['supervisor', 'admin', 'district'] as const

const month: ParamDoc = { schema: Month, description: 'Calendar month in the city time zone, `YYYY-MM`' }
const sha256: ParamDoc = { schema: Sha256, description: "SHA-256 of the photo's bytes, lower-case hex" }
const protocolHeader: Record<string, ParamDoc> = {
  [PROTOCOL_HEADER]: {
    schema: z.literal(String(PROTOCOL_VERSION)),
    description: 'The sync protocol the app speaks; another version is answered 426 upgrade_required',
    required: false,
  },
}
// The read options of /api/scores.
const mode: ParamDoc = { schema: z.enum(['preliminary', 'published']), description: 'Force a live result of this mode', required: false }
const format: ParamDoc = { schema: z.enum(['json', 'csv']).default('json'), description: 'JSON, or a CSV table', required: false }
const tableFormat: ParamDoc = { schema: z.enum(['json', 'csv', 'xlsx']).default('json'), description: 'JSON, or the table as CSV or XLSX', required: false }
const lang: ParamDoc = { schema: z.enum(['zh', 'en', 'both']).default('both'), description: 'Language of the table headers and words', required: false }
const json = (description: string, component?: ComponentName): Payload => ({ description, component })

export const ROUTES: RouteDoc[] = [
  // service
  { method: 'get', path: '/api/health', tag: 'service', access: 'public', summary: 'Liveness, version and database in use',
    ok: json('The server is up and its database answers', 'Health'), errors: ['internal'] },
  { method: 'get', path: '/api/openapi.json', tag: 'service', access: 'public', summary: 'This reference as an OpenAPI 3.1 document',
    ok: { description: 'The OpenAPI document', schema: { type: 'object' } } },
  { method: 'get', path: '/api/docs', tag: 'service', access: 'public', summary: 'This reference as a readable page',
    ok: { description: 'An HTML page listing every route and schema', contentType: 'text/html', schema: { type: 'string' } } },
  { method: 'get', path: '/api/districts', tag: 'service', access: 'public', summary: 'The districts and their WGS-84 boundaries',
    ok: json('The assessed districts in code order', 'DistrictList') },

  // auth
  { method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public', summary: 'Sign in from a device',
    description: 'Returns a bearer token bound to `deviceId`. Failed attempts are limited per user name.',
    body: json('User name, password and the device signing in', 'LoginRequest'),
    ok: json('Signed in', 'LoginResponse'), errors: ['unauthorized', 'rate_limited'] },
  { method: 'get', path: '/api/auth/me', tag: 'auth', access: 'signed-in', summary: 'Who is signed in on this device',
    ok: json('The signed-in user and their device', 'MeResponse') },
  { method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'signed-in', summary: 'Sign out: revoke this session',
    ok: json('Signed out', 'Ok') },
  { method: 'delete', path: '/api/auth/sessions/{id}', tag: 'auth', access: 'signed-in', summary: 'Revoke a session',
    description: 'Your own sessions, or anyone\'s for an administrator (e.g. a lost tablet).',
    params: { id: { schema: z.string(), description: 'The session id' } },
    ok: json('Revoked', 'Ok'), errors: ['not_found'] },

  // sync
  { method: 'post', path: '/api/sync/push', tag: 'sync', access: 'signed-in', summary: 'Push a batch of mutations',
    description:
      'Applied in one transaction. Each mutation is answered `applied`, `rejected` with a reason in both languages, or ' +
      '`duplicate` with its first answer when replayed: pushing the same batch twice changes nothing.',
    headers: protocolHeader, body: json('The device and its mutations', 'PushRequest'),
    ok: json('One result per mutation, in order', 'PushResponse'), errors: ['forbidden', 'upgrade_required'] },
  { method: 'get', path: '/api/sync/pull', tag: 'sync', access: 'signed-in', summary: 'Pull changes after a cursor',
    description: 'Only what the caller may see, oldest first. The cursor never skips a change committed late and never moves backwards.',
    headers: protocolHeader,
    query: {
      cursor: { schema: PullQuery.shape.cursor, description: 'From the previous pull; omit to start from the beginning', required: false },
      limit: { schema: PullQuery.shape.limit, description: 'Most changes to return', required: false },
    },
    ok: json('Changes and the cursor to continue from', 'PullResponse'), errors: ['upgrade_required'] },
  { method: 'get', path: '/api/live', tag: 'sync', access: STAFF, summary: 'Server-sent events: a notice for each committed change',
    description:
      '`text/event-stream`. First `event: ready`, then `event: change` with a ChangeNotice as JSON for every committed change ' +
      '(from every server process, on PostgreSQL), and a `: heartbeat` comment every 20 s. A notice is a hint: pull to get the ' +
      'data, and pull again after reconnecting. EventSource cannot send headers, so the token and device may be given as ' +
      '`?access_token=…&device=…`.',
    queryAuth: true,
    ok: { description: 'The event stream; each `change` event carries a ChangeNotice', contentType: 'text/event-stream', schema: { type: 'string' } } },

  // photos
  { method: 'get', path: '/api/photos', tag: 'photos', access: 'signed-in', summary: "Which of a record's photos have arrived",
    query: { sha256: { schema: z.string(), description: 'One to 100 SHA-256 values, comma-separated', required: true } },
    ok: json('The photos known, with their progress, and the hashes not known at all', 'PhotoList') },
  { method: 'put', path: '/api/photos/{sha256}', tag: 'photos', access: 'signed-in', summary: 'Upload a photo, or a chunk of one',
    description:
      'Whole (no Content-Range; Content-Type image/jpeg, image/png or image/webp) or chunk by chunk with ' +
      '`Content-Range: bytes start-end/total`, each chunk starting where HEAD says the upload stands. The photo counts as ' +
      'arrived only once its bytes hash to the SHA-256 in the path; otherwise nothing is stored. Progress is also in the ' +
      '`x-photo-received`, `x-photo-size` and `x-photo-complete` headers.',
    params: { sha256 },
    headers: { 'content-range': { schema: z.string(), description: '`bytes start-end/total`, for a chunk', required: false } },
    body: { description: "The photo's bytes, or one chunk of them (later chunks need no image type)", contentType: 'image/*', schema: { type: 'string', format: 'binary' } },
    ok: { status: 201, description: 'This request created the photo (or its upload)', component: 'PhotoStatus', also: { 200: 'The photo was already known: stored, or the chunk added' } },
    errors: ['bad_request', 'conflict', 'payload_too_large', 'unsupported_media_type'] },
  { method: 'head', path: '/api/photos/{sha256}', tag: 'photos', access: 'signed-in', summary: 'How far an upload has come',
    description: 'No body: `x-photo-received`, `x-photo-size` and `x-photo-complete` tell where to resume.',
    params: { sha256 }, ok: { description: 'The photo is known; headers tell its progress' }, errors: ['not_found'] },
  { method: 'get', path: '/api/photos/{sha256}', tag: 'photos', access: 'signed-in', summary: 'A photo',
    description: 'Immutable under its name: `ETag` is the hash, and `If-None-Match` is answered 304.',
    params: { sha256 }, ok: { description: 'The photo', contentType: 'image/*', schema: { type: 'string', format: 'binary' }, also: { 304: 'Not modified' } },
    errors: ['not_found'] },
  { method: 'get', path: '/api/photos/{sha256}/thumb', tag: 'photos', access: 'signed-in', summary: "A photo's thumbnail",
    params: { sha256 }, ok: { description: 'A small JPEG, made on first request and kept', contentType: 'image/jpeg', schema: { type: 'string', format: 'binary' }, also: { 304: 'Not modified' } },
    errors: ['not_found', 'unsupported_media_type'] },

  // scores
  { method: 'get', path: '/api/scores/months/{month}', tag: 'scores', access: SCORE_READERS, summary: "A month's scores and ranking",
    description: 'Frozen figures once the month is published, preliminary ones before. A district user gets their own row only.',
    params: { month }, query: { mode, format: tableFormat, lang },
    ok: { description: 'The month (MonthView in server/src/scores/month-view.ts), or a CSV or XLSX table with `format=csv|xlsx`', schema: { type: 'object' } },
    errors: ['conflict'] },
  { method: 'get', path: '/api/scores/months/{month}/districts/{code}', tag: 'scores', access: SCORE_READERS,
    summary: "One district's month with its explanation",
    description: 'Which findings counted, which caps bit, which weights and policy version. A district user: their own district only.',
    params: { month, code: { schema: DistrictCode, description: 'Six-digit district code' } }, query: { mode },
    ok: { description: 'The district result and its explanation', schema: { type: 'object' } }, errors: ['not_found', 'conflict'] },
  { method: 'get', path: '/api/scores/months/{month}/funding', tag: 'scores', access: SCORE_READERS, summary: "The month's funding by district and line",
    params: { month }, query: { mode, format: tableFormat, lang },
    ok: { description: 'Budgets, amounts at stake and amounts paid, in fen; or a CSV or XLSX table with `format=csv|xlsx`', schema: { type: 'object' } },
    errors: ['conflict'] },
  { method: 'post', path: '/api/scores/months/{month}/publish', tag: 'scores', access: STAFF, summary: 'Publish and freeze a month',
    description: 'Freezes the month with its policy version and a hash of its inputs, so it can be recomputed and checked. Once only, after the month has ended.',
    params: { month }, ok: { status: 201, description: 'The published month', schema: { type: 'object' } }, errors: ['conflict'] },
  { method: 'get', path: '/api/scores/months/{month}/verify', tag: 'scores', access: STAFF, summary: 'Recompute a published month and compare',
    params: { month }, ok: { description: 'Whether the inputs hash and the figures recomputed now match the frozen ones', schema: { type: 'object' } },
    errors: ['not_found', 'conflict'] },
  { method: 'get', path: '/api/scores/quarters/{quarter}', tag: 'scores', access: SCORE_READERS, summary: "A quarter's ranking and rewards",
    description: 'Ranked on its three published months.',
    params: { quarter: { schema: Quarter, description: 'Quarter, `YYYY-Qn`' } }, query: { format: tableFormat, lang },
    ok: { description: 'The quarter, or a CSV or XLSX table with `format=csv|xlsx`', schema: { type: 'object' } }, errors: ['conflict'] },

  // findings
  { method: 'get', path: '/api/findings', tag: 'findings', access: 'signed-in', summary: 'Findings as compact rows for the map and list',
    description: 'Filters: month, district, line, item, status, inspector, photo=with|without, duplicates=only, ids; paged by cursor. The bureau sees every district, a district user only confirmed findings of their own, an inspector only their own.',
    query: { month: { ...month, required: false }, format, lang },
    ok: { description: 'Rows and the next cursor, or a CSV table', schema: { type: 'object' } } },
  { method: 'get', path: '/api/findings/{id}', tag: 'findings', access: 'signed-in', summary: 'One finding with its item, computation, reviews, history, photos and duplicates',
    params: { id: { schema: z.uuid(), description: 'The finding id' } },
    ok: { description: 'The finding and everything said about it', schema: { type: 'object' } }, errors: ['not_found'] },
  { method: 'get', path: '/api/findings/duplicates', tag: 'findings', access: STAFF, summary: 'Possible duplicates of a month',
    description: 'Same item, different inspectors, close in place and time (default 30 m and 2 h).',
    query: { month },
    ok: { description: 'Pairs of findings and whether they can be merged', schema: { type: 'object' } } },
  { method: 'post', path: '/api/findings/{id}/merge', tag: 'findings', access: STAFF, summary: 'Merge a finding into another, keeping its photos',
    params: { id: { schema: z.uuid(), description: 'The finding merged away (it becomes void)' } },
    body: { description: '`into` (the finding kept) and a reason', schema: { type: 'object' } },
    ok: { description: 'Both findings after the merge', schema: { type: 'object' } }, errors: ['not_found', 'conflict'] },
  { method: 'post', path: '/api/findings/review-many', tag: 'findings', access: STAFF, summary: 'Confirm many findings at once',
    body: { description: '`ids` (at most 1000) and `decision: confirm`', schema: { type: 'object' } },
    ok: { description: 'A result per finding and counts', schema: { type: 'object' } } },

  ...SUPERVISOR_ROUTE_DOCS,
  ...DISTRICT_WORK_ROUTE_DOCS,
]
