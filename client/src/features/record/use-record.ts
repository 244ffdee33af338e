// The record screen's state and actions: the form (restored from its draft, saved back as it changes), the
// live GPS, the district under the point, the chosen item and its deduction, photos, and saving, editing and
// voiding through the outbox. The template only shows this and calls it.
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch } from 'vue'
import type { Review } from '@shared/domain'
import { districtAt } from '@shared/geo'
import { monthOf } from '@shared/time'
import { db, getMeta, setMeta, type LocalFinding } from '../../db/db'
import { markBusy } from '../../app/busy'
import { currentSession, deviceId } from '../auth/session'
import { buildFinding, changesFor, formOf, localIso, MAX_PHOTOS, saveBlockers, type Blocker } from './build-finding'
import { currentChecklists, entriesOf, findEntry, refOf } from './catalog'
import { previewDeduction } from './deduction-preview'
import { clearDraft, draftId, loadDraft, saveDraft, toDraft } from './draft'
import { useGps } from './gps'
import type { ItemEntry } from './item-search'
import { useLiveQuery } from '../../db/live-query'
import { processPhoto } from './photo'
import { emptyForm, isDirty, photoHashes, type RecordForm } from './record-form'
import { saveEdit, saveNew, voidWithReason, type LocalWrite } from './save'
import { useReference } from './use-reference'
import { latestReviewReasons } from '../findings/findings-list'
import { uuidv7 } from '@shared/sync/ids'

export type ScreenBlocker = Blocker | 'signIn' | 'noChange' | 'processing'
type WriteError = Extract<LocalWrite, { ok: false }>['error']

const DRAFT_DELAY_MS = 300

/** A deep plain copy of a form (photo Blobs shared), so a pristine copy never follows edits of the live one. */
const copyForm = (f: RecordForm): RecordForm => toDraft(f).form

export function useRecord(findingId?: string) {
  const ref$ = useReference()
  const { checklists, districts, timeZone, warnMetres, month } = ref$
  const editing = !!findingId
  const key = draftId(findingId)

  const form = ref<RecordForm>(emptyForm())
  let pristine = emptyForm()
  const ready = ref(false)
  const notFound = ref(false)
  const restored = ref(false)
  const saving = ref(false)
  const saved = ref<'new' | 'edit' | null>(null)
  const writeError = shallowRef<WriteError | null>(null)

  // The finding being edited, live: a supervisor's decision arriving by pull shows at once.
  const original = useLiveQuery<LocalFinding | null | undefined>(
    async () => (findingId ? ((await db.findings.get(findingId)) ?? null) : null),
    undefined,
  )

  // The supervisor's reason, from the finding or else from its latest review on the device.
  const reviews = useLiveQuery<Review[]>(
    () => (findingId ? db.reviews.where('findingId').equals(findingId).toArray() : []),
    [],
  )
  const reviewReason = computed(() => {
    const f = original.value
    return f ? f.reviewReason || latestReviewReasons(reviews.value).get(f.id) || '' : ''
  })

  const gps = useGps(warnMetres)
  watch(gps.position, (p) => {
    if (p && form.value.followGps) form.value.location = { ...p }
  })
  function useCurrentPosition(): void {
    if (!gps.position.value) return
    form.value.followGps = true
    form.value.location = { ...gps.position.value }
  }

  // Items offered: this month's checklists; in an edit only the finding's own checklist (its line cannot change).
  const entries = computed<ItemEntry[]>(() => {
    const current = currentChecklists(checklists.value, month.value)
    const f = original.value
    if (!f) return entriesOf(current)
    const same = current.filter((c) => c.id === f.checklistId)
    const own = checklists.value.filter((c) => c.id === f.checklistId && c.version === f.checklistVersion)
    return entriesOf(same.length ? same : own)
  })
  const entry = computed(() => findEntry(checklists.value, form.value.item))
  const detected = computed(() => (form.value.location ? districtAt(form.value.location, districts.value) : null))
  const chosenDistrict = computed(() => form.value.districtOverride ?? detected.value)

  function pick(e: ItemEntry): void {
    form.value.item = refOf(e)
    form.value.line = e.line
    if (!entry.value || (e.item.unit !== entry.value.item.unit && !/^\d+$/.test(form.value.quantity))) form.value.quantity = '1'
  }

  // What this item already took in this district this month, on this device: for the cap note.
  const used = useLiveQuery(
    async () => {
      const code = form.value.item?.code
      const district = chosenDistrict.value
      if (!code || !district) return 0
      const month = monthOf(original.value?.recordedAt ?? Date.now(), timeZone.value)
      let sum = 0
      await db.findings.where('districtCode').equals(district).each((f) => {
        if (f.itemCode !== code || f.id === findingId || f.status === 'voided' || f.status === 'rejected') return
        if (monthOf(f.recordedAt, timeZone.value) === month) sum += f.deduction
      })
      return sum
    },
    0,
    () => [form.value.item?.code, chosenDistrict.value, timeZone.value],
  )
  const preview = computed(() => (entry.value ? previewDeduction(entry.value.item, form.value.quantity, used.value) : null))

  // --- photos ---
  const processing = ref(0)
  const photoError = ref<string | null>(null)
  async function addPhotos(files: File[]): Promise<void> {
    photoError.value = null
    for (const file of files) {
      const e = entry.value
      if (!e || photoHashes(form.value).length >= MAX_PHOTOS) break
      processing.value++
      markBusy('photo', true)
      try {
        // The stamp says where the photo was taken: the live fix, or "no fix" (never the pinned point of an edit).
        const here = gps.position.value
        const photo = await processPhoto(file, {
          timeZone: timeZone.value,
          stamp: {
            at: localIso(new Date()),
            lat: here?.lat ?? NaN,
            lng: here?.lng ?? NaN,
            accuracy: here?.accuracy ?? NaN,
            inspector: currentSession.value?.user.displayName ?? '',
            item: `${e.item.code} ${e.item.name.zh}`,
          },
        })
        if (!photoHashes(form.value).includes(photo.sha256)) form.value.photos.push(photo)
      } catch (err) {
        photoError.value = err instanceof Error ? err.message : String(err)
      } finally {
        processing.value--
        markBusy('photo', processing.value > 0)
      }
    }
  }
  function removePhoto(sha256: string): void {
    form.value.keptPhotos = form.value.keptPhotos.filter((h) => h !== sha256)
    form.value.photos = form.value.photos.filter((p) => p.sha256 !== sha256)
  }
  // The device's copies of kept photos, for their thumbnails.
  const keptBlobs = useLiveQuery(
    async () => (await db.photos.bulkGet(form.value.keptPhotos)).map((p) => p?.blob),
    [] as (Blob | undefined)[],
    () => form.value.keptPhotos.join(),
  )
  const tiles = computed(() => [
    ...form.value.keptPhotos.map((sha256, i) => ({ sha256, blob: keptBlobs.value[i], kept: true })),
    ...form.value.photos.map((p) => ({ sha256: p.sha256, blob: p.blob, kept: false })),
  ])

  // --- what blocks saving, and the edit's changes ---
  const user = computed(() => currentSession.value?.user ?? null)
  const ctx = computed(() => ({ entry: entry.value, detected: detected.value }))
  const changes = computed(() => {
    const f = original.value
    if (!f) return null
    const built = buildFinding(form.value, { ...ctx.value, id: f.id, inspectorId: f.inspectorId, deviceId: f.deviceId, now: new Date() })
    return built.ok ? changesFor(f, built.finding) : null
  })
  const blockers = computed<ScreenBlocker[]>(() => {
    const out: ScreenBlocker[] = saveBlockers(form.value, ctx.value)
    if (!user.value) out.push('signIn')
    if (processing.value) out.push('processing')
    if (editing && !out.length && !changes.value) out.push('noChange')
    return out
  })

  // --- draft: saved ~300 ms after each change, restored on load ---
  let timer: ReturnType<typeof setTimeout> | null = null
  const dirty = computed(() => ready.value && isDirty(form.value, pristine))
  function writeDraft(): void {
    timer = null
    if (dirty.value) void saveDraft(key, form.value)
    else void clearDraft(key)
  }
  watch(
    form,
    () => {
      if (!ready.value || saving.value) return
      if (dirty.value) saved.value = null
      markBusy('record', dirty.value)
      if (timer) clearTimeout(timer)
      timer = setTimeout(writeDraft, DRAFT_DELAY_MS)
    },
    { deep: true },
  )
  watch(() => form.value.line, (line) => void (!editing && setMeta('lastLine', line)))

  async function start(): Promise<void> {
    if (findingId) {
      const f = await db.findings.get(findingId)
      if (!f) {
        notFound.value = true
        ready.value = true
        return
      }
      pristine = formOf(f)
    } else {
      const [line, street] = await Promise.all([getMeta<RecordForm['line']>('lastLine'), getMeta<string>('lastStreet')])
      pristine = emptyForm(line ?? 'sanitation', street ?? '')
    }
    const draft = await loadDraft(key)
    form.value = draft ?? copyForm(pristine)
    restored.value = !!draft && isDirty(draft, pristine)
    if (form.value.followGps && gps.position.value) form.value.location = { ...gps.position.value }
    ready.value = true
    markBusy('record', restored.value)
  }

  function discard(): void {
    form.value = copyForm(pristine)
    if (form.value.followGps && gps.position.value) form.value.location = { ...gps.position.value }
    restored.value = false
  }

  async function save(): Promise<boolean> {
    if (saving.value || blockers.value.length || !user.value) return false
    saving.value = true
    writeError.value = null
    if (timer) clearTimeout(timer)
    timer = null
    try {
      let result: LocalWrite
      if (!findingId) {
        const built = buildFinding(form.value, {
          ...ctx.value, id: uuidv7(), inspectorId: user.value.id, deviceId: await deviceId(), now: new Date(),
        })
        if (!built.ok) return false
        result = await saveNew(built.finding, form.value.photos)
        if (result.ok) {
          pristine = emptyForm(built.finding.line, built.finding.street)
          form.value = copyForm(pristine)
          if (gps.position.value) form.value.location = { ...gps.position.value }
        }
      } else {
        if (!changes.value) return false
        result = await saveEdit(findingId, changes.value, form.value.photos)
        const f = result.ok ? await db.findings.get(findingId) : undefined
        if (f) {
          pristine = formOf(f)
          form.value = copyForm(pristine)
        }
      }
      if (!result.ok) {
        writeError.value = result.error
        return false
      }
      saved.value = findingId ? 'edit' : 'new'
      restored.value = false
      markBusy('record', false)
      return true
    } finally {
      saving.value = false
    }
  }

  async function voidIt(reason: string): Promise<LocalWrite | null> {
    if (!findingId) return null
    if (timer) clearTimeout(timer)
    timer = null
    const result = await voidWithReason(findingId, reason)
    if (result.ok) {
      pristine = copyForm(form.value)
      markBusy('record', false)
    } else writeError.value = result.error
    return result
  }

  onMounted(() => {
    gps.start()
    void start()
  })
  onBeforeUnmount(() => {
    // Whatever was typed in the last few hundred ms reaches the draft before the screen goes.
    if (timer) {
      clearTimeout(timer)
      writeDraft()
    }
    markBusy('record', false)
    markBusy('photo', false)
  })

  return {
    ...ref$,
    editing, form, ready, notFound, restored, saving, saved, writeError, original, reviewReason, gps, useCurrentPosition,
    entries, entry, detected, pick, preview, processing, photoError, addPhotos, removePhoto, tiles, blockers,
    save, voidIt, discard,
  }
}
