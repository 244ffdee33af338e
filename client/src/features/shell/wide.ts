// Whether the screen is wide enough for the navigation in the top bar (a tablet) rather than along the bottom (a
// phone), at the same 760 px as the wide-only and narrow-only classes in styles.css: only the one shown is built,
// so the navigation bars need no class of their own.
import { ref } from 'vue'

const query = typeof window === 'undefined' ? null : window.matchMedia('(min-width: 760px)')

export const wide = ref(query?.matches ?? true)
query?.addEventListener('change', (e) => (wide.value = e.matches))
