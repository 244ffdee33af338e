// The form of a sheet's step — photos from the camera, a note, for the inspector a verdict — kept as a draft as it
// changes. Photos are compressed, turned upright, stamped (time, place, who, sheet number) and hashed off the main
// thread by the record screen's photo worker.
import { reactive, ref, toRaw, watch } from 'vue'
import type { PhotoInput } from '../../sync/outbox'
import { currentSession } from '../auth/session'
import { useGps } from '../record/gps'
import { processPhoto } from '../record/photo'
import { MAX_PHOTOS } from '../record/build-finding'
import { emptySheetDraft, loadSheetDraft, saveSheetDraft, type SheetDraft } from './sheet-draft'

export function useSheetForm(draftId: () => string, opts: { sheetNumber: () => string; timeZone: () => string; warnMetres: () => number }) {
  const form = reactive<SheetDraft>(emptySheetDraft())
  const loaded = ref(false)
  const processing = ref(0)
  const photoError = ref<string | null>(null)
  const gps = useGps(opts.warnMetres)

  /** The stored draft; without one, `fallback` (e.g. the step the server refused, to correct and send again). */
  async function load(fallback?: () => Promise<SheetDraft | null>): Promise<void> {
    loaded.value = false
    Object.assign(form, (await loadSheetDraft(draftId())) ?? (await fallback?.()) ?? emptySheetDraft())
    loaded.value = true
  }

  // Saved as typed, once the stored draft is in (so an empty form never overwrites it).
  let saving = Promise.resolve()
  watch(
    () => [form.note, form.result, form.photos.length, form.photos.map((p) => p.sha256).join()],
    () => {
      if (!loaded.value) return
      const copy: SheetDraft = { note: form.note, result: form.result, photos: toRaw(form.photos).map((p) => toRaw(p)) }
      saving = saving.then(() => saveSheetDraft(draftId(), copy)).catch((err) => console.error('draft not saved', err))
    },
  )

  async function addFiles(files: File[]): Promise<void> {
    photoError.value = null
    const room = MAX_PHOTOS - form.photos.length
    for (const file of files.slice(0, Math.max(0, room))) {
      processing.value++
      try {
        const fix = gps.position.value
        const photo = await processPhoto(file, {
          timeZone: opts.timeZone(),
          stamp: {
            at: new Date().toISOString(),
            lat: fix?.lat ?? NaN,
            lng: fix?.lng ?? NaN,
            accuracy: fix?.accuracy ?? NaN,
            inspector: currentSession.value?.user.displayName ?? '',
            item: opts.sheetNumber(),
          },
        })
        if (!form.photos.some((p) => p.sha256 === photo.sha256)) form.photos.push(photo)
      } catch (err) {
        photoError.value = err instanceof Error ? err.message : String(err)
      } finally {
        processing.value--
      }
    }
  }

  function removePhoto(sha256: string): void {
    form.photos = form.photos.filter((p) => p.sha256 !== sha256)
  }

  /** The photos as the outbox takes them. */
  const photoInputs = (): PhotoInput[] => toRaw(form.photos).map((p) => ({ sha256: p.sha256, blob: toRaw(p).blob, mime: p.mime, stamp: { ...p.stamp } }))

  /** Waits for the last draft write, so the step's transaction (which clears the draft) runs after it. */
  const settled = () => saving

  /** After the step was written (its transaction cleared the draft): empty the form without saving it again. */
  function reset(): void {
    loaded.value = false
    Object.assign(form, emptySheetDraft())
  }

  return { form, loaded, processing, photoError, gps, load, addFiles, removePhoto, photoInputs, settled, reset }
}
