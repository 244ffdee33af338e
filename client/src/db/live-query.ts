// A Dexie liveQuery as a Vue ref: the query re-runs whenever a table it read changes (in this tab or another), so
// screens follow the committed data rather than keeping copies of their own. With `source`, it re-subscribes when
// the source changes (e.g. the signed-in user), going back to `initial` until the new answer comes, so a stale
// answer is never taken for the new source. Stops with the component or scope.
import { getCurrentScope, onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { liveQuery, type Subscription } from 'dexie'

export function useLiveQuery<T>(
  query: () => T | Promise<T>,
  initial: T,
  source?: WatchSource<unknown>,
): Ref<T> & { error: Ref<unknown> } {
  const value = shallowRef(initial) as Ref<T>
  const error = shallowRef<unknown>(null)
  let sub: Subscription | null = null

  const subscribe = () => {
    if (sub) value.value = initial
    sub?.unsubscribe()
    sub = liveQuery(query).subscribe({
      next: (v) => {
        value.value = v
        error.value = null
      },
      error: (e) => {
        error.value = e
        console.error('live query failed', e)
      },
    })
  }
  if (source) watch(source, subscribe, { immediate: true })
  else subscribe()
  if (getCurrentScope()) onScopeDispose(() => sub?.unsubscribe())

  return Object.assign(value, { error })
}
