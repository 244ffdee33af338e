// Whether the device thinks it has a network. Only a hint: a call can still fail when this says online.
import { ref } from 'vue'

export const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true))
  window.addEventListener('offline', () => (online.value = false))
}
