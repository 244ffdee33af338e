// The time a countdown is drawn against, moving on every half minute while the screen is open.
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'

export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), everyMs)
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer))
  return now
}
