// One sheet as GET /api/rectifications/:id answers it (built by server/src/rectification/sheet-detail.ts).
import type { GeoPoint, Line, Name, RectificationOrder } from '../domain'

/** A finding on a sheet, in the sheet's order. */
export interface SheetFinding {
  id: string
  itemCode: string
  /** The item's name in the checklist version the finding was scored under. */
  itemName: Name
  line: Line
  lineName: Name
  quantity: number
  /** Thousandths of a point. */
  deduction: number
  street: string
  note: string
  location: GeoPoint
  photos: string[]
  recordedAt: string
  status: string
}

/** The sheet with what a reader needs beside it: the district, who issued it, and its findings. */
export interface SheetDetail {
  order: RectificationOrder
  district: { code: string; name: Name }
  issuedBy: { id: string; displayName: string | null }
  findings: SheetFinding[]
}
