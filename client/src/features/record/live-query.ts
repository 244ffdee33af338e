// A Dexie liveQuery as a Vue ref: the query re-runs whenever a table it read changes (in this tab or another),
// so screens follow the committed data rather than keeping copies of their own.
import { getCurrentScope, onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { liveQuery, type Subscription } from 'dexie'

export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, deps?: WatchSource): Readonly<Ref<T>> & {
  error: Ref<unknown>
} {
  const value = shallowRef<T>(initial)
  const error = shallowRef<unknown>(null)
  let sub: Subscription | null = null

  const subscribe = () => {
    sub?.unsubscribe()
    sub = liveQuery(query).subscribe({
      next: (v) => {
        value.value = v
        error.value = null
      },
      error: (e) => {
        error.value = e
      },
    })
  }
  if (deps) watch(deps, subscribe, { immediate: true })
  else subscribe()
  if (getCurrentScope()) onScopeDispose(() => sub?.unsubscribe())

  return Object.assign(value, { error })
}
