// An appeal as GET /api/appeals lists it (built by server/src/appeals/appeals.repo.ts).
import type { Appeal, GeoPoint, Line, Name } from '../domain'

/** The finding as an appeal's readers see it, so neither side needs the finding's own route. */
export interface AppealFinding {
  itemCode: string
  itemName: Name
  line: Line
  /** Thousandths of a point. */
  deduction: number
  street: string
  recordedAt: string
  photos: string[]
  location: GeoPoint
}

/** The appeal with its finding, its district's name and the names of who filed and who decided it. */
export type AppealView = Appeal & {
  finding: AppealFinding
  districtName: Name
  filedByName: string
  decidedByName?: string
}
