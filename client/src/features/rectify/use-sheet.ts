// One sheet as the device holds it, for the screens that open it by id (the district's and the re-inspector's):
// the row as it loads, the sheet once there, and how far its own steps have synced.
import { computed } from 'vue'
import { db, type LocalPhoto, type LocalRectification } from '../../db/db'
import { useLiveQuery } from '../../db/live-query'
import type { SheetWrite } from '../../sync/rectification-outbox'
import { sheetSync } from './sheet-view'

export function useSheet(id: () => string) {
  const row = useLiveQuery<LocalRectification | null | 'loading'>(async () => (await db.rectifications.get(id())) ?? null, 'loading', id)
  const sheet = computed(() => (row.value === 'loading' ? null : row.value))
  const unfinished = useLiveQuery<LocalPhoto[]>(() => db.photos.where('done').equals(0).toArray(), [])
  const sync = computed(() => (sheet.value ? sheetSync(sheet.value, unfinished.value) : 'synced'))
  return { row, sheet, sync }
}

/** Why a step was not saved, in the reader's language with its issues; null when it was. */
export function writeError(w: SheetWrite, lang: 'zh' | 'en'): string | null {
  if (w.ok) return null
  const issues = (w.error.issues ?? []).map((i) => (lang === 'en' ? i.en : i.zh)).join('；')
  return [lang === 'en' ? w.error.en : w.error.zh, issues].filter(Boolean).join('：')
}
