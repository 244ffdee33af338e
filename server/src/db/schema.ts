// The tables as Kysely sees them. Columns are portable between SQLite and PostgreSQL: JSON is kept as
// text, booleans as 0/1 integers, instants as ISO text with their offset (plus the month they belong to).
import type { Generated } from 'kysely'

export interface DistrictTable {
  code: string
  name_zh: string
  name_en: string
  group_id: string
  /** GeoJSON MultiPolygon coordinates, WGS-84. */
  boundary: string
}

export interface ChecklistTable {
  id: string
  version: number
  line: string
  name_zh: string
  name_en: string
  effective_from: string
  /** ChecklistItem[] as JSON. */
  items: string
  created_at: string
}

export interface PolicyTable {
  version: number
  effective_from: string
  /** ScoringPolicy as JSON. */
  body: string
  created_at: string
}

export interface UserTable {
  id: string
  username: string
  display_name: string
  role: string
  district_code: string | null
  password_hash: string
  active: number
  created_at: string
}

export interface FindingTable {
  id: string
  checklist_id: string
  checklist_version: number
  item_code: string
  line: string
  quantity: number
  deduction: number
  lat: number
  lng: number
  accuracy: number
  district_code: string
  district_override_reason: string | null
  street: string
  note: string
  /** Sha256[] as JSON. */
  photos: string
  inspector_id: string
  device_id: string
  recorded_at: string
  /** Month of recorded_at in the city's time zone. */
  month: string
  status: string
  received_at: string
  updated_at: string
}

export interface ComplaintTable {
  id: string
  district_code: string
  month: string
  category: string
  description: string
  lat: number | null
  lng: number | null
  accuracy: number | null
  address: string
  photos: string
  status: string
  received_at: string
  accepted: number | null
  accepted_at: string | null
  handling_deadline: string | null
  handled_at: string | null
  satisfied: number | null
  rated_at: string | null
}

export interface MediaExposureTable {
  id: string
  district_code: string
  line: string | null
  month: string
  outlet: string
  title: string
  url: string | null
  published_at: string
  deduction: number
  entered_by: string
}

export interface SurveyScoreTable {
  district_code: string
  month: string
  score: number
  entered_by: string
  entered_at: string
}

export interface FundingBudgetTable {
  district_code: string
  month: string
  line: string
  amount_fen: number
}

export interface MetaTable {
  key: string
  value: string
}

export interface Database {
  districts: DistrictTable
  checklists: ChecklistTable
  policies: PolicyTable
  users: UserTable
  findings: FindingTable
  complaints: ComplaintTable
  media_exposures: MediaExposureTable
  survey_scores: SurveyScoreTable
  funding_budgets: FundingBudgetTable
  meta: MetaTable
}

export type { Generated }

/** What a repository function runs its queries on: the database or an open transaction. */
export type Queryable = import('kysely').Kysely<Database> | import('kysely').Transaction<Database>
