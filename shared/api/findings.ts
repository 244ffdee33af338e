// The findings list as GET /api/findings answers it (built by server/src/findings/list.ts).
import type { FindingStatus, Name } from '../domain'

/** One compact row: enough for the supervisor's map and list. */
export interface FindingListRow {
  id: string
  lat: number
  lng: number
  accuracy: number
  districtCode: string
  line: string
  itemCode: string
  /** Null only when the finding's checklist version is no longer stored. */
  itemName: Name | null
  quantity: number
  /** Thousandths of a point. */
  deduction: number
  status: FindingStatus
  inspectorId: string
  inspectorName: string
  recordedAt: string
  month: string
  street: string
  photos: string[]
  /** How many of `photos` the server holds complete. */
  photosArrived: number
  needsRereview: boolean
  /** The device clock differed from the server's by more than the policy's tolerance when it was pushed. */
  clockSkewFlag: boolean
  /** Another inspector recorded the same item close by at about the same time. */
  possibleDuplicate: boolean
}

export interface FindingList {
  rows: FindingListRow[]
  more: boolean
  /** Send as `cursor` for the next page; null on the last one. */
  nextCursor: string | null
}
