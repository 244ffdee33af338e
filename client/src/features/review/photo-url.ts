// A photo (or its thumbnail) as an object URL, fetched with the session's headers: an <img src> cannot send them,
// and a token in an image URL would end up in logs and caches. Each URL is released when its owner goes.
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { apiFetch } from '../../api/client'

export type PhotoState = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; status: number }

export function usePhotoUrl(sha256: Ref<string | null>, thumb: boolean): Ref<PhotoState> {
  const result = shallowRef<PhotoState>({ state: 'loading' })
  let current: string | null = null
  let asked = 0

  const release = () => {
    if (current) URL.revokeObjectURL(current)
    current = null
  }

  watch(
    sha256,
    async (sha) => {
      const ticket = ++asked
      release()
      result.value = { state: 'loading' }
      if (!sha) return
      try {
        const res = await apiFetch(`/photos/${sha}${thumb ? '/thumb' : ''}`, { headers: { accept: 'image/*' } })
        if (!res.ok) {
          if (ticket === asked) result.value = { state: 'failed', status: res.status }
          return
        }
        const blob = await res.blob()
        if (ticket !== asked) return
        current = URL.createObjectURL(blob)
        result.value = { state: 'ready', url: current }
      } catch {
        if (ticket === asked) result.value = { state: 'failed', status: 0 }
      }
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    asked++
    release()
  })
  return result
}
