// The API reference's rows for the supervisor's desk and the districts' work: problem assignment sheets, media
// exposures and survey scores, and a district's own page. Spread into openapi/routes.ts (TAGS gets SUPERVISOR_TAGS, ROUTES gets SUPERVISOR_ROUTE_DOCS) when the
// routes are mounted; tests/server/openapi.test.ts wants a row for every mounted route.
import { z } from 'zod'
import { DistrictCode, Id, Month, RectificationStatus } from '@shared/domain'
import { MAX_ROUNDS } from './workflow'
import type { ParamDoc, RouteDoc } from '../openapi/routes'

export const SUPERVISOR_TAGS = {
  rectifications: 'Problem assignment sheets (问题交办单): issued from confirmed findings of one district, read by that district, printed on A4',
  social: 'Media exposures and survey-team scores, entered by the bureau; frozen once their month is published',
  districts: "A district's own page: its score this month, what pulls it down most, funding at risk and open sheets",
} as const

type Doc = Omit<RouteDoc, 'tag'> & { tag: keyof typeof SUPERVISOR_TAGS }

const STAFF = ['supervisor', 'admin'] as const
const name = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'] }
const points = (what: string) => ({ type: 'string', description: `${what}, points as displayed (e.g. "87.45")` })
const summarySchema = {
  type: 'object',
  properties: {
    month: { type: 'string' },
    districtCode: { type: 'string' },
    districtName: name,
    preliminary: { type: 'boolean', description: 'True until the month is published: the numbers may still change' },
    source: { type: 'string', enum: ['frozen', 'live'] },
    note: name,
    composite: points('Monthly composite, to 0.01'),
    professional: points('Professional score, to 0.001'),
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          line: { type: 'string' },
          lineName: name,
          score: points('Line score, to 0.001'),
          deducted: { type: 'integer', description: 'Thousandths of a point: items after their caps plus overdue penalties' },
        },
      },
    },
    social: { type: 'object', properties: { complaints: points('Complaints'), media: points('Media'), survey: points('Survey') } },
    topDeductions: {
      type: 'array',
      description: 'The five largest, largest first; a line\'s overdue-rectification penalties appear as item `overdue`',
      items: {
        type: 'object',
        properties: {
          itemCode: { type: 'string' },
          itemName: name,
          line: { type: 'string' },
          deducted: { type: 'integer', description: "Thousandths of a point, after the item's cap" },
          findings: { type: 'integer', description: 'Findings counted (overdue rounds for `overdue`)' },
        },
      },
    },
    funding: {
      type: 'object',
      description: 'Fen, over the funded lines',
      properties: { atStake: { type: 'integer' }, paid: { type: 'integer' }, withheld: { type: 'integer' } },
    },
    openSheets: {
      type: 'array',
      description: 'Sheets not closed, nearest deadline first',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          number: { type: 'string' },
          status: { type: 'string' },
          deadline: { type: 'string', format: 'date-time' },
          findingCount: { type: 'integer' },
        },
      },
    },
  },
  required: ['month', 'districtCode', 'districtName', 'preliminary', 'composite', 'professional', 'lines', 'social', 'topDeductions', 'funding', 'openSheets'],
}
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
  { method: 'post', path: '/api/rectifications/{id}/supervise', tag: 'rectifications', access: STAFF, summary: 'Supervise an overdue sheet again (督办)',
    description:
      'Adds the next overdue round to a sheet that is still overdue; its penalty is the policy\'s overdue penalty times its escalation for ' +
      'each round after the first (0.5, 1, 2 … points by default), deducted in the line of the sheet\'s findings in the month of the round. ' +
      'A deadline that passed without being counted yet is counted first. The body is optional: `{ "round": n }` names the round meant, ' +
      'so that the same request again adds nothing (200).',
    params: { id },
    body: {
      description: 'Optional: the number the new round will have',
      schema: { type: 'object', properties: { round: { type: 'integer', minimum: 2, maximum: MAX_ROUNDS } }, additionalProperties: false },
    },
    ok: { status: 201, description: 'The sheet with its new round', component: 'RectificationOrder', also: { 200: 'That round was already added: the sheet unchanged' } },
    errors: ['not_found', 'conflict'] },
  { method: 'get', path: '/api/rectifications/{id}/print', tag: 'rectifications', access: READERS, summary: 'The sheet as a printable A4 page',
    description: 'Self-contained HTML with the photos (thumbnails) and a map excerpt. Opened in a new tab, it takes `?access_token=…&device=…`.',
    params: { id }, queryAuth: true, ok: { description: 'The page', contentType: 'text/html', schema: { type: 'string' } }, errors: ['not_found'] },

  { method: 'get', path: '/api/districts/{code}/summary', tag: 'districts', access: READERS, summary: "A district's own page",
    description:
      "This month's score (preliminary until the month is published, then the published one), its lines and social scores, the largest " +
      'deductions, the funding at stake, paid and withheld, and the sheets still open. The numbers are those of ' +
      '`/api/scores/months/{month}/districts/{code}`. A district user: their own district only.',
    params: { code: { schema: DistrictCode, description: 'Six-digit district code' } },
    query: { month: { ...month, description: 'Another month than the current one', required: false } },
    ok: { description: 'The summary', schema: summarySchema },
    errors: ['not_found'] },

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
