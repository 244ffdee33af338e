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
  /** Per-field hybrid logical clock of the last accepted write, JSON { field: hlc }. */
  field_clock: Generated<string>
  /** 1 when an inspector edited the finding after a supervisor had decided on it. */
  needs_rereview: Generated<number>
  /** Device clock minus server receipt, ms; beyond the policy's tolerance the finding is flagged. */
  clock_skew_ms: Generated<number>
  void_reason: string | null
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

export interface SessionTable {
  id: string
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string
  user_id: string
  device_id: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}

export interface LoginAttemptTable {
  username: string
  at_ms: number
  ok: number
}

/** Every change to a synced record: what pull delivers, and the audit trail (who, when, device, old and new). */
export interface ChangeLogTable {
  seq: Generated<number>
  /** PostgreSQL transaction id (xid8, as text); 0 on SQLite, where writers are serialised. */
  tx_id: Generated<string | number>
  entity: string
  entity_id: string
  op: 'upsert' | 'delete'
  /** Who may pull it: 'public' (every signed-in user), 'owner' (owner and bureau staff), 'district' (also that district's users), 'staff' (bureau staff only). */
  audience: string
  district_code: string | null
  owner_id: string | null
  data: string | null
  old: string | null
  actor_id: string | null
  device_id: string | null
  mutation_id: string | null
  at: string
}

export interface MutationTable {
  id: string
  user_id: string
  device_id: string
  type: string
  status: string
  /** The first answer given for this mutation, returned again on replay. */
  result: string
  at: string
}

export interface ReviewTable {
  id: string
  finding_id: string
  supervisor_id: string
  decision: string
  reason: string
  at: string
}

export interface PhotoTable {
  sha256: string
  size: number
  mime: string
  received: number
  complete: number
  width: number | null
  height: number | null
  uploaded_by: string
  created_at: string
}

export interface PublishedMonthTable {
  month: string
  policy_version: number
  input_hash: string
  /** The frozen monthly result as JSON. */
  result: string
  published_by: string
  published_at: string
}

/** A problem assignment sheet (问题交办单); JSON columns hold the RectificationOrder fields of the same name. */
export interface RectificationOrderTable {
  id: string
  number: string
  district_code: string
  /** Month of issue in the city's time zone, which the number counts in. */
  month: string
  requirements: string
  /** As the issuer gave it, with its offset. */
  deadline: string
  /** The deadline as epoch ms, for ordering and overdue checks. */
  deadline_ms: number
  issued_by: string
  issued_at: string
  status: string
  /** Sha256[] as JSON. */
  after_photos: Generated<string>
  rectification_note: Generated<string>
  /** Verification as JSON, null until re-inspected. */
  verification: string | null
  rework_count: Generated<number>
  /** OverdueRound[] as JSON. */
  overdue_rounds: Generated<string>
  updated_at: string
}

/** Which findings a sheet covers, in the sheet's order; a finding is on at most one sheet. */
export interface RectificationFindingTable {
  finding_id: string
  order_id: string
  position: number
}

/** The last sheet number handed out in a month. */
export interface RectificationSequenceTable {
  month: string
  last_seq: number
}

/** An appeal (申诉) against one finding's deduction; decision is AppealDecision as JSON. */
export interface AppealTable {
  id: string
  finding_id: string
  district_code: string
  month: string
  reason: string
  /** Sha256[] as JSON. */
  photos: Generated<string>
  filed_by: string
  filed_at: string
  status: string
  decision: string | null
  updated_at: string
}

/** A district's WeCom group robot: the key of its webhook URL. */
export interface DistrictWebhookTable {
  district_code: string
  robot_key: string
  updated_by: string
  updated_at: string
}

/** A markdown message for a district's robot: queued, sent, or failed after its retries. */
export interface NotificationTable {
  id: string
  dedupe_key: string
  district_code: string
  kind: string
  markdown: string
  status: string
  attempts: Generated<number>
  next_attempt_ms: number
  last_error: string | null
  created_at: string
  created_ms: number
  sent_at: string | null
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
  sessions: SessionTable
  login_attempts: LoginAttemptTable
  change_log: ChangeLogTable
  mutations: MutationTable
  reviews: ReviewTable
  photos: PhotoTable
  published_months: PublishedMonthTable
  rectification_orders: RectificationOrderTable
  rectification_findings: RectificationFindingTable
  rectification_sequences: RectificationSequenceTable
  appeals: AppealTable
  district_webhooks: DistrictWebhookTable
  notifications: NotificationTable
}

export type { Generated }

/** What a repository function runs its queries on: the database or an open transaction. */
export type Queryable = import('kysely').Kysely<Database> | import('kysely').Transaction<Database>
