// What the supervisor's workspace reads from the API (server/src/findings/*), as the browser receives it.
import type { FindingList, FindingListRow } from '@shared/api/findings'
import type { FindingStatus, Name } from '@shared/domain'

/** One row of GET /api/findings: enough for the map and the list. */
export type FindingRow = FindingListRow

export type FindingPage = FindingList

export interface DuplicatePairView {
  a: FindingRow
  b: FindingRow
  metres: number
  minutes: number
  mergeable: boolean
}

export interface DuplicateList {
  month: string
  rules: { maxMetres: number; maxMinutes: number }
  pairs: DuplicatePairView[]
}

export interface HistoryEntry {
  at: string
  actor: { id: string; displayName: string } | null
  deviceId: string | null
  mutationId: string | null
  op: 'upsert' | 'delete'
  kind: 'created' | 'edited' | 'reviewed' | 'voided' | 'restored' | 'merged_into' | 'merged_from'
  changes: { field: string; from: unknown; to: unknown }[]
  superseded: { field: string; value: unknown }[]
  decision?: string
  reason?: string
  otherFindingId?: string
}

export interface DeductionExplanation {
  quantity: number
  unit: string
  unitName: Name
  deductionPerUnit: number
  exact: string
  deduction: number
  matchesStored: boolean
  rounded: boolean
  text: Name
  rule: Name
  monthlyCap: number
  cap: Name
}

export interface DetailPhoto {
  sha256: string
  arrived: boolean
  received: number
  size: number | null
  mime: string | null
  width: number | null
  height: number | null
}

export interface DuplicateCandidate {
  id: string
  itemCode: string
  inspectorId: string
  inspectorName: string
  districtCode: string
  status: FindingStatus
  recordedAt: string
  metres: number
  minutes: number
  sameDistrict: boolean
}

/** GET /api/findings/:id */
export interface FindingDetail {
  finding: {
    id: string
    checklistId: string
    checklistVersion: number
    itemCode: string
    line: string
    quantity: number
    deduction: number
    location: { lat: number; lng: number; accuracy: number }
    districtCode: string
    districtOverrideReason?: string
    street: string
    note: string
    photos: string[]
    inspectorId: string
    deviceId: string
    recordedAt: string
    status: FindingStatus
    month: string
    receivedAt: string
    updatedAt: string
    needsRereview: boolean
    clockSkewMs: number
    clockSkewFlag: boolean
    voidReason: string | null
  }
  inspector: { id: string; displayName: string }
  district: { code: string; name: Name }
  item: {
    code: string
    name: Name
    unit: string
    deductionPerUnit: number
    monthlyCap: number
    photoRequired: boolean
    checklist: { id: string; version: number; name: Name }
  } | null
  deduction: DeductionExplanation | null
  reviews: { id: string; decision: string; reason: string; at: string; supervisor: { id: string; displayName: string } }[]
  history: HistoryEntry[]
  photos: DetailPhoto[]
  duplicates: DuplicateCandidate[]
}

export interface ReviewManyResponse {
  results: {
    findingId: string
    status: 'applied' | 'duplicate' | 'rejected'
    confirmed: boolean
    reviewId?: string
    reason?: { code: string; zh: string; en: string; issues?: { field: string; zh: string; en: string }[] }
  }[]
  confirmed: number
  rejected: number
}

export interface MergeOutcome {
  merged: { id: string; status: 'voided'; voidReason: string }
  into: { id: string; photos: string[]; addedPhotos: string[] }
}
