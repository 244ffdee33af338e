// The API reference's rows for the supervisor's desk: problem assignment sheets, media exposures and survey
// scores. Spread into openapi/routes.ts (TAGS gets SUPERVISOR_TAGS, ROUTES gets SUPERVISOR_ROUTE_DOCS) when the
// routes are mounted; tests/server/openapi.test.ts wants a row for every mounted route.
import { z } from 'zod'
import { DistrictCode, Id, Month, RectificationStatus } from '@shared/domain'
import type { ParamDoc, RouteDoc } from '../openapi/routes'

export const SUPERVISOR_TAGS = {
  rectifications: 'Problem assignment sheets (问题交办单): issued from confirmed findings of one district, read by that district, printed on A4',
  social: 'Media exposures and survey-team scores, entered by the bureau; frozen once their month is published',
} as const

type Doc = Omit<RouteDoc, 'tag'> & { tag: keyof typeof SUPERVISOR_TAGS }

const STAFF = ['supervisor', 'admin'] as const
const READERS = ['supervisor', 'admin', 'district'] as const
const month: ParamDoc = { schema: Month, description: 'Calendar month in the city time zone, `YYYY-MM`' }
const id: ParamDoc = { schema: Id, description: 'The record id (UUID)' }
const download: Record<string, ParamDoc> = {
  format: { schema: z.enum(['json', 'csv', 'xlsx']).default('json'), description: 'JSON, or the table as CSV or XLSX', required: false },
  lang: { schema: z.enum(['zh', 'en', 'both']).default('both'), description: 'Language of the table headers and words', required: false },
}
const table = (what: string) => ({ description: `${what}; a CSV or XLSX table with \`format=csv|xlsx\``, schema: { type: 'object' } })
const issueBody = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', description: "The sheet's id, made by the client" },
    findingIds: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 100, uniqueItems: true },
    requirements: { type: 'string', minLength: 1, maxLength: 2000 },
    deadline: { type: 'string', format: 'date-time', description: 'With its offset, e.g. 2026-12-02T18:00:00+08:00' },
  },
  required: ['id', 'findingIds', 'requirements', 'deadline'],
  additionalProperties: false,
}

export const SUPERVISOR_ROUTE_DOCS: Doc[] = [
  { method: 'post', path: '/api/rectifications', tag: 'rectifications', access: STAFF, summary: 'Issue a problem assignment sheet',
    description:
      'From confirmed findings of one district that are on no sheet yet, with requirements and a deadline ahead (with its offset). ' +
      'Numbered per month of issue, e.g. 哈城考〔2026〕11-001. The id comes from the client: the same request again returns the sheet (200).',
    body: { description: 'The findings, the requirements and the deadline', schema: issueBody },
    ok: { status: 201, description: 'The sheet issued', component: 'RectificationOrder', also: { 200: 'This request repeated one already applied' } },
    errors: ['conflict'] },
  { method: 'get', path: '/api/rectifications', tag: 'rectifications', access: READERS, summary: 'Sheets, nearest deadline first',
    description: 'A district user sees their own district only.',
    query: {
      district: { schema: DistrictCode, description: 'Only this district', required: false },
      status: { schema: RectificationStatus, description: 'Only this status', required: false },
      month: { ...month, description: 'Only sheets issued in this month', required: false },
      ...download,
    },
    ok: table('`{ items: RectificationOrder[] }`') },
  { method: 'get', path: '/api/rectifications/{id}', tag: 'rectifications', access: READERS, summary: 'A sheet with its findings',
    description: 'Item names, deductions, photo hashes and locations of its findings. A district user: their own district only.',
    params: { id }, ok: { description: 'The sheet, its district, its issuer and its findings', schema: { type: 'object' } }, errors: ['not_found'] },
  { method: 'get', path: '/api/rectifications/{id}/print', tag: 'rectifications', access: READERS, summary: 'The sheet as a printable A4 page',
    description: 'Self-contained HTML with the photos (thumbnails) and a map excerpt. Opened in a new tab, it takes `?access_token=…&device=…`.',
    params: { id }, queryAuth: true, ok: { description: 'The page', contentType: 'text/html', schema: { type: 'string' } }, errors: ['not_found'] },

  { method: 'post', path: '/api/media-exposures', tag: 'social', access: STAFF, summary: 'Enter a media exposure',
    description: 'A MediaExposure without `enteredBy` (the caller). `month` must be the month of `publishedAt` in the city time zone.',
    body: { description: 'The exposure', component: 'MediaExposure' },
    ok: { status: 201, description: 'Stored', component: 'MediaExposure', also: { 200: 'This request repeated one already applied' } },
    errors: ['conflict'] },
  { method: 'get', path: '/api/media-exposures', tag: 'social', access: READERS, summary: 'Media exposures',
    query: { month: { ...month, required: false }, district: { schema: DistrictCode, description: 'Only this district', required: false }, ...download },
    ok: table('`{ items: MediaExposure[] }`') },
  { method: 'delete', path: '/api/media-exposures/{id}', tag: 'social', access: STAFF, summary: 'Remove a media exposure',
    description: 'Only while its month is unpublished; the change log keeps what it was.',
    params: { id }, ok: { description: 'What was removed', schema: { type: 'object' } }, errors: ['not_found', 'conflict'] },
  { method: 'put', path: '/api/survey-scores/{month}/{district}', tag: 'social', access: STAFF, summary: "Enter or replace a district's survey score",
    description: 'Body `{ "score": 0…100000 }` (thousandths of a point). Only while the month is unpublished.',
    params: { month, district: { schema: DistrictCode, description: 'Six-digit district code' } },
    body: { description: '`{ score }`', schema: { type: 'object', properties: { score: { type: 'integer', minimum: 0, maximum: 100_000 } }, required: ['score'] } },
    ok: { description: 'The score as stored', component: 'SurveyScore', also: { 201: 'The first score of this district and month' } },
    errors: ['not_found', 'conflict'] },
  { method: 'get', path: '/api/survey-scores', tag: 'social', access: READERS, summary: "A month's survey scores, and which districts lack one",
    query: { month: { ...month, required: true }, district: { schema: DistrictCode, description: 'Only this district', required: false }, ...download },
    ok: table('`{ month, published, items: SurveyScore[], missing: string[] }`') },
]
