// Where a sheet's photo is shown from: the device's own copy (photos it took), the copy kept for offline (others'
// photos of open sheets), or — online only — the server's thumbnail. Object URLs are made once per blob and
// revoked when the screen goes away.
import { getCurrentScope, onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { apiFetch } from '../../api/client'
import { db } from '../../db/db'
import { useLiveQuery } from '../../db/live-query'
import { online } from '../shell/online'

export type PhotoSource = { state: 'device' | 'remote'; url: string } | { state: 'loading' | 'unavailable' }

/** The device's blobs of these photos, own copies first. */
export async function heldBlobs(hashes: readonly string[]): Promise<Map<string, Blob>> {
  const [own, kept] = await Promise.all([db.photos.bulkGet([...hashes]), db.sheetPhotos.bulkGet([...hashes])])
  const out = new Map<string, Blob>()
  hashes.forEach((sha, i) => {
    const blob = own[i]?.blob ?? kept[i]?.blob
    if (blob) out.set(sha, blob)
  })
  return out
}

export function usePhotoSources(hashes: () => readonly string[]): Ref<Map<string, PhotoSource>> {
  const held = useLiveQuery(() => heldBlobs(hashes()), new Map<string, Blob>(), () => hashes().join())
  const sources = shallowRef(new Map<string, PhotoSource>())
  const blobUrls = new Map<Blob, string>()
  const remote = new Map<string, string>()
  const failed = new Set<string>()
  const asking = new Set<string>()

  const urlOf = (blob: Blob) => {
    let url = blobUrls.get(blob)
    if (!url) blobUrls.set(blob, (url = URL.createObjectURL(blob)))
    return url
  }

  async function fetchThumb(sha: string): Promise<void> {
    asking.add(sha)
    try {
      const res = await apiFetch(`/photos/${sha}/thumb`)
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      remote.set(sha, URL.createObjectURL(await res.blob()))
    } catch {
      failed.add(sha)
    } finally {
      asking.delete(sha)
      update()
    }
  }

  function update(): void {
    const next = new Map<string, PhotoSource>()
    for (const sha of hashes()) {
      const blob = held.value.get(sha)
      if (blob) next.set(sha, { state: 'device', url: urlOf(blob) })
      else if (remote.has(sha)) next.set(sha, { state: 'remote', url: remote.get(sha)! })
      else if (online.value && !failed.has(sha)) {
        next.set(sha, { state: 'loading' })
        if (!asking.has(sha)) void fetchThumb(sha)
      } else next.set(sha, { state: 'unavailable' })
    }
    sources.value = next
  }

  // Coming back online is another chance for a photo that failed.
  watch(online, (now) => now && failed.clear())
  watch([held, online, () => hashes().join()], update, { immediate: true })
  if (getCurrentScope()) {
    onScopeDispose(() => {
      for (const url of [...blobUrls.values(), ...remote.values()]) URL.revokeObjectURL(url)
    })
  }
  return sources
}

/** A photo at full size for the enlarged view: the device's copy, else the server's (online). */
export async function fullPhotoUrl(sha: string): Promise<string | null> {
  const blob = (await heldBlobs([sha])).get(sha)
  if (blob) return URL.createObjectURL(blob)
  try {
    const res = await apiFetch(`/photos/${sha}`)
    return res.ok ? URL.createObjectURL(await res.blob()) : null
  } catch {
    return null
  }
}
