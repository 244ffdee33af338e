// The appeal being written, kept in the device's database as it is typed (photos included, as their processed
// Blobs): going offline, reloading or closing the tab loses nothing, and filing it later sends the same id.
// A draft of another shape (an older app, a damaged record) is dropped rather than trusted.
import { z } from 'zod'
import { Line, Name } from '@shared/domain'
import { db, type KaopingDb } from '../../db/db'
import type { AppealForm } from './appeal-request'

const VERSION = 1

/** One draft per signed-in user on the device. */
export const appealDraftId = (userId: string): string => `appeal:${userId}`

const Value = z.object({
  v: z.literal(VERSION),
  form: z.object({
    id: z.uuid(),
    findingId: z.uuid().nullable(),
    chosen: z
      .object({
        id: z.uuid(),
        month: z.string(),
        line: Line,
        itemCode: z.string(),
        itemName: Name.nullable(),
        deduction: z.number().int(),
        street: z.string(),
        recordedAt: z.string(),
        photos: z.array(z.string()),
      })
      .nullable(),
    reason: z.string().max(4000),
    photos: z
      .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), blob: z.instanceof(Blob), mime: z.string(), size: z.number().int().min(0) }))
      .max(12),
  }),
})

/** A plain copy: IndexedDB cannot clone Vue's proxies. */
function plain(form: AppealForm): AppealForm {
  return {
    id: form.id,
    findingId: form.findingId,
    chosen: form.chosen ? { ...form.chosen, itemName: form.chosen.itemName ? { ...form.chosen.itemName } : null, photos: [...form.chosen.photos] } : null,
    reason: form.reason,
    photos: form.photos.map((p) => ({ sha256: p.sha256, blob: p.blob, mime: p.mime, size: p.size })),
  }
}

export async function saveAppealDraft(userId: string, form: AppealForm, table: KaopingDb['drafts'] = db.drafts): Promise<void> {
  await table.put({ id: appealDraftId(userId), value: { v: VERSION, form: plain(form) }, savedAt: Date.now() })
}

export async function loadAppealDraft(userId: string, table: KaopingDb['drafts'] = db.drafts): Promise<AppealForm | null> {
  const row = await table.get(appealDraftId(userId))
  if (!row) return null
  const parsed = Value.safeParse(row.value)
  if (!parsed.success) {
    await table.delete(appealDraftId(userId))
    return null
  }
  return parsed.data.form
}

export async function clearAppealDraft(userId: string, table: KaopingDb['drafts'] = db.drafts): Promise<void> {
  await table.delete(appealDraftId(userId))
}

/** Whether the form holds anything worth keeping. */
export const hasContent = (form: AppealForm): boolean => form.findingId !== null || form.reason.trim() !== '' || form.photos.length > 0
