// Whether the screen is a phone's (the app's narrow layout, below 760 px): charts then draw on a narrower canvas so
// their labels stay legible instead of being scaled down with the whole picture.
import { onBeforeUnmount, ref, type Ref } from 'vue'

export function useNarrow(query = '(max-width: 759px)'): Ref<boolean> {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const narrow = ref(media?.matches ?? false)
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return narrow
}
