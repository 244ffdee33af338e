// From the record screen's form to a Finding: what still blocks saving, the finding itself, and for an edit the
// changes to send. Pure, so the rules are tested without a browser; the server checks the same rules again.
import { Finding, type Unit } from '@shared/domain'
import type { FindingChanges } from '@shared/sync/protocol'
import { deductionFor } from '@shared/scoring'
import type { ItemEntry } from './item-search'
import { photoHashes, type RecordForm } from './record-form'

export type Blocker =
  | 'item'
  | 'quantity'
  | 'quantityWhole'
  | 'quantityDecimals'
  | 'quantityRange'
  | 'location'
  | 'district'
  | 'overrideReason'
  | 'photo'
  | 'tooManyPhotos'
  | 'street'
  | 'note'

export const MAX_PHOTOS = 12
export const MAX_QUANTITY = 100_000

/** Counts (per occurrence, per time) are whole; areas and lengths take up to two decimals. */
export const isWholeUnit = (unit: Unit): boolean => unit === 'occurrence' || unit === 'time'

export type Parsed<T> = { ok: true; value: T } | { ok: false; blocker: Blocker }

export function parseQuantity(text: string, unit: Unit): Parsed<number> {
  const t = text.trim().replace(',', '.')
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return { ok: false, blocker: 'quantity' }
  const value = Number(t)
  if (!(value > 0)) return { ok: false, blocker: 'quantity' }
  if (value > MAX_QUANTITY) return { ok: false, blocker: 'quantityRange' }
  const decimals = t.includes('.') ? t.split('.')[1].replace(/0+$/, '').length : 0
  if (isWholeUnit(unit) && decimals > 0) return { ok: false, blocker: 'quantityWhole' }
  if (decimals > 2) return { ok: false, blocker: 'quantityDecimals' }
  return { ok: true, value }
}

/**
 * The district a finding goes to: the one its point falls in, unless the inspector chose another, which needs a
 * reason (the server refuses a mismatch without one). A point outside every district must be overridden.
 */
export function decideDistrict(
  detected: string | null,
  override: string | null,
  reason: string,
): { ok: true; code: string; reason?: string } | { ok: false; blocker: Blocker } {
  const code = override ?? detected
  if (!code) return { ok: false, blocker: 'district' }
  if (code === detected) return { ok: true, code }
  const why = reason.trim()
  if (!why) return { ok: false, blocker: 'overrideReason' }
  return { ok: true, code, reason: why.slice(0, 200) }
}

export interface BuildContext {
  /** The chosen item with its checklist, or null when none is chosen (or it is not on this device). */
  entry: ItemEntry | null
  /** The district the form's point falls in, by point-in-polygon over the device's districts. */
  detected: string | null
}

/** Everything that stops the Save button, in the order the form shows its fields. */
export function saveBlockers(form: RecordForm, ctx: BuildContext): Blocker[] {
  const out: Blocker[] = []
  if (!ctx.entry) out.push('item')
  else {
    const q = parseQuantity(form.quantity, ctx.entry.item.unit)
    if (!q.ok) out.push(q.blocker)
  }
  if (!form.location) out.push('location')
  const d = decideDistrict(ctx.detected, form.districtOverride, form.overrideReason)
  if (!d.ok && (form.location || d.blocker === 'overrideReason' || form.districtOverride)) out.push(d.blocker)
  const photos = photoHashes(form).length
  if (ctx.entry?.item.photoRequired && photos === 0) out.push('photo')
  if (photos > MAX_PHOTOS) out.push('tooManyPhotos')
  if (form.street.trim().length > 200) out.push('street')
  if (form.note.trim().length > 2000) out.push('note')
  return out
}

/** An instant with the device's own offset, as Finding.recordedAt wants it: 2026-01-15T09:30:00.000+08:00. */
export function localIso(at: Date): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0')
  const off = -at.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  )
}

export interface NewFindingContext extends BuildContext {
  id: string
  inspectorId: string
  deviceId: string
  now: Date
}

export type Built = { ok: true; finding: Finding } | { ok: false; blockers: Blocker[] }

export function buildFinding(form: RecordForm, ctx: NewFindingContext): Built {
  const blockers = saveBlockers(form, ctx)
  if (blockers.length) return { ok: false, blockers }
  const { item, checklistId, checklistVersion, line } = ctx.entry!
  const quantity = (parseQuantity(form.quantity, item.unit) as { value: number }).value
  const district = decideDistrict(ctx.detected, form.districtOverride, form.overrideReason) as { code: string; reason?: string }
  const candidate = {
    id: ctx.id,
    checklistId,
    checklistVersion,
    itemCode: item.code,
    line,
    quantity,
    deduction: deductionFor(quantity, item.deductionPerUnit),
    location: { lat: form.location!.lat, lng: form.location!.lng, accuracy: form.location!.accuracy },
    districtCode: district.code,
    ...(district.reason ? { districtOverrideReason: district.reason } : {}),
    street: form.street.trim(),
    note: form.note.trim(),
    photos: photoHashes(form),
    inspectorId: ctx.inspectorId,
    deviceId: ctx.deviceId,
    recordedAt: localIso(ctx.now),
    status: 'submitted' as const,
  }
  // The schema is the contract with the server: a finding that fails it here would be refused there.
  const parsed = Finding.safeParse(candidate)
  return parsed.success ? { ok: true, finding: parsed.data } : { ok: false, blockers: ['quantity'] }
}

const EDITABLE = [
  'itemCode', 'checklistVersion', 'quantity', 'deduction', 'location', 'districtCode', 'street', 'note', 'photos',
] as const

/**
 * What an edit changes, field by field, or null when nothing did. The original keeps its id, inspector, device,
 * recording time and line; an empty districtOverrideReason clears an earlier override.
 */
export function changesFor(original: Finding, next: Finding): FindingChanges | null {
  const out: Record<string, unknown> = {}
  for (const key of EDITABLE) {
    if (JSON.stringify(original[key]) !== JSON.stringify(next[key])) out[key] = next[key]
  }
  const before = original.districtOverrideReason ?? ''
  const after = next.districtOverrideReason ?? ''
  if (before !== after) out.districtOverrideReason = after
  return Object.keys(out).length ? (out as FindingChanges) : null
}

/** The form of an existing finding, for editing it. */
export function formOf(f: Finding): RecordForm {
  return {
    line: f.line,
    item: { checklistId: f.checklistId, checklistVersion: f.checklistVersion, code: f.itemCode },
    quantity: String(f.quantity),
    keptPhotos: [...f.photos],
    photos: [],
    location: { ...f.location },
    followGps: false,
    districtOverride: f.districtOverrideReason ? f.districtCode : null,
    overrideReason: f.districtOverrideReason ?? '',
    street: f.street,
    note: f.note,
  }
}
