// The OpenAPI 3.1 document, built from the route table and the shared Zod schemas (Zod's own JSON Schema output,
// draft 2020-12, which is the schema dialect of OpenAPI 3.1).
import { ERROR_STATUS, type ErrorCode } from '@shared/errors'
import { PROTOCOL_VERSION } from '@shared/sync/protocol'
import { DEVICE_HEADER } from '../auth/middleware'
import { componentRef, componentSchemas, inlineSchema } from './components'
import { ROUTES, TAGS, type ParamDoc, type Payload, type RouteDoc } from './routes'

type Json = Record<string, unknown>

export interface OpenApiDocument {
  openapi: string
  info: Json
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> }
}

export interface Operation {
  operationId: string
  tags: string[]
  summary: string
  description?: string
  parameters?: Json[]
  requestBody?: Json
  responses: Record<string, Json>
  security?: Record<string, string[]>[]
  'x-kaoping-access': string
}

const ERROR_DESCRIPTION: Record<number, string> = {
  400: 'Bad request or invalid input; `details.issues` names each field in Chinese and English',
  401: 'Not signed in, or the session is unknown, expired, revoked or from another device',
  403: 'Signed in, but not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Wrong content type',
  426: 'The app speaks another sync protocol: update it',
  429: 'Too many attempts: wait `Retry-After` seconds',
  500: 'Internal error: nothing was applied; no detail leaves the server',
  503: 'Temporarily unavailable',
}

/** Errors that follow from what a route takes and who may call it, plus those it names. */
export function errorCodes(r: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(r.errors ?? [])
  if (r.params || r.query) codes.add('validation_failed')
  if (r.body) {
    codes.add('bad_request').add('payload_too_large').add('unsupported_media_type')
    if (r.body.component) codes.add('validation_failed')
  }
  if (r.access !== 'public') codes.add('unauthorized')
  if (Array.isArray(r.access)) codes.add('forbidden')
  codes.add('internal')
  return [...codes]
}

function content(p: Payload): Json {
  const schema = p.component ? componentRef(p.component) : p.schema
  return { [p.contentType ?? 'application/json']: schema ? { schema } : {} }
}

function parameters(where: 'path' | 'query' | 'header', params: Record<string, ParamDoc> | undefined): Json[] {
  return Object.entries(params ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' ? true : (p.required ?? false),
    description: p.description,
    schema: inlineSchema(p.schema),
  }))
}

function accessText(r: RouteDoc): string {
  if (r.access === 'public') return 'public'
  if (r.access === 'signed-in') return 'any signed-in user'
  return r.access.join(', ')
}

function operationId(r: RouteDoc): string {
  const words = r.path
    .replace(/^\/api\//, '')
    .split(/[/.{}-]+/)
    .filter(Boolean)
  return [r.method, ...words].map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('')
}

function operation(r: RouteDoc): Operation {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of errorCodes(r)) {
    const status = ERROR_STATUS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const responses: Record<string, Json> = {
    [String(r.ok.status ?? 200)]: { description: r.ok.description, ...(r.method === 'head' ? {} : { content: content(r.ok) }) },
  }
  for (const [status, description] of Object.entries(r.ok.also ?? {})) {
    responses[status] = { description, ...(Number(status) < 300 && r.method !== 'head' ? { content: content(r.ok) } : {}) }
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `${ERROR_DESCRIPTION[status] ?? 'Error'} (${codes.map((c) => `\`${c}\``).join(', ')})`,
      ...(r.method === 'head' ? {} : { content: { 'application/json': { schema: componentRef('ApiError') } } }),
    }
  }
  const roles = Array.isArray(r.access) ? ` Only for: ${r.access.join(', ')}.` : ''
  const params = [...parameters('path', r.params), ...parameters('query', r.query), ...parameters('header', r.headers)]
  return {
    operationId: operationId(r),
    tags: [r.tag],
    summary: r.summary,
    ...(r.description || roles ? { description: `${r.description ?? ''}${roles}`.trim() } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(r.body ? { requestBody: { required: true, description: r.body.description, content: content(r.body) } } : {}),
    responses,
    security:
      r.access === 'public'
        ? []
        : [{ bearer: [], device: [] }, ...(r.queryAuth ? [{ accessTokenQuery: [], deviceQuery: [] }] : [])],
    'x-kaoping-access': accessText(r),
  }
}

export function buildOpenApiDocument(version: string, routes: RouteDoc[] = ROUTES): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  for (const r of routes) {
    paths[r.path] ??= {}
    if (paths[r.path]![r.method]) throw new Error(`The route table lists ${r.method.toUpperCase()} ${r.path} twice`)
    paths[r.path]![r.method] = operation(r)
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Kaoping (考评) API',
      version,
      description:
        'The server of Kaoping, the monthly city-management assessment of districts. Every input is validated against ' +
        'the shared schemas; every error is `{ "error": { "code", "message", "details" } }` with a 4xx status ' +
        `(500 only for a fault of the server, without detail). Sign in with POST /api/auth/login, then send ` +
        `\`Authorization: Bearer <token>\` and \`${DEVICE_HEADER}: <deviceId>\` on every call. Sync protocol version ${PROTOCOL_VERSION}.`,
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/login' },
        device: { type: 'apiKey', in: 'header', name: DEVICE_HEADER, description: 'The device the session was issued to; required with the token' },
        accessTokenQuery: { type: 'apiKey', in: 'query', name: 'access_token', description: 'The token, for EventSource, which cannot send headers' },
        deviceQuery: { type: 'apiKey', in: 'query', name: 'device', description: 'The device, for EventSource' },
      },
    },
  }
}

const built = new Map<string, OpenApiDocument>()

/** The document for this server version, built once. */
export function openApiDocument(version: string): OpenApiDocument {
  let doc = built.get(version)
  if (!doc) built.set(version, (doc = buildOpenApiDocument(version)))
  return doc
}
