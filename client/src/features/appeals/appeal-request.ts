// The district's appeal form and the request it becomes. The request's id is made once per form and kept with
// the draft, so sending again after a lost answer files the appeal once (the server answers a repeat with the
// first result). Checked by the shared schema before it leaves, with the issues in both languages.
import { AppealRequest } from '@shared/domain'
import { validate, type FieldIssue } from '@shared/validation'
import type { FindingRow } from './appeal-candidates'

export const MAX_EVIDENCE = 12

/** A photo of evidence, compressed and stamped on the device, addressed by its SHA-256. */
export interface EvidencePhoto {
  sha256: string
  blob: Blob
  mime: string
  size: number
}

/** The chosen finding as the form shows it, kept with the draft so that it still shows offline. */
export type ChosenFinding = Pick<FindingRow, 'id' | 'month' | 'line' | 'itemCode' | 'itemName' | 'deduction' | 'street' | 'recordedAt' | 'photos'>

export interface AppealForm {
  /** Client id of the appeal to be filed; kept across retries. */
  id: string
  findingId: string | null
  chosen: ChosenFinding | null
  reason: string
  photos: EvidencePhoto[]
}

export const emptyForm = (id: string = crypto.randomUUID()): AppealForm => ({ id, findingId: null, chosen: null, reason: '', photos: [] })

export function chooseFinding(form: AppealForm, row: FindingRow | null): AppealForm {
  if (!row) return { ...form, findingId: null, chosen: null }
  const { id, month, line, itemCode, itemName, deduction, street, recordedAt, photos } = row
  return { ...form, findingId: id, chosen: { id, month, line, itemCode, itemName, deduction, street, recordedAt, photos: [...photos] } }
}

export type Built = { ok: true; value: AppealRequest } | { ok: false; issues: FieldIssue[] }

export function buildAppealRequest(form: AppealForm): Built {
  if (!form.findingId) {
    return { ok: false, issues: [{ field: 'findingId', code: 'required', zh: '请选择要申诉的扣分记录', en: 'choose the deduction to appeal' }] }
  }
  if (!form.reason.trim()) {
    return { ok: false, issues: [{ field: 'reason', code: 'required', zh: '请填写申诉理由', en: 'write the reason for the appeal' }] }
  }
  // The same photo chosen twice is one piece of evidence.
  const photos = [...new Set(form.photos.map((p) => p.sha256))]
  return validate(AppealRequest, { id: form.id, findingId: form.findingId, reason: form.reason.trim(), photos })
}

/** Adds processed photos, skipping ones already attached and any beyond the limit; says how many did not fit. */
export function addPhotos(current: readonly EvidencePhoto[], added: readonly EvidencePhoto[]): { photos: EvidencePhoto[]; dropped: number } {
  const out = [...current]
  let dropped = 0
  for (const p of added) {
    if (out.some((q) => q.sha256 === p.sha256)) continue
    if (out.length >= MAX_EVIDENCE) dropped++
    else out.push(p)
  }
  return { photos: out, dropped }
}
