// A Dexie liveQuery as a Vue ref: the ref follows the committed data, re-run whenever a table it read changes (in
// this tab or another). Re-subscribes when `source` changes (e.g. the signed-in user), going back to `initial`
// until the new answer comes, so a stale answer for the old source is never taken for the new one. Stops with the
// component.
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { liveQuery } from 'dexie'

export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, source?: WatchSource<unknown>): Ref<T> {
  const value = shallowRef(initial) as Ref<T>
  let stop: (() => void) | undefined
  const start = () => {
    if (stop) value.value = initial
    stop?.()
    const sub = liveQuery(query).subscribe({
      next: (v) => (value.value = v),
      error: (e: unknown) => console.error('map: live query failed', e),
    })
    stop = () => sub.unsubscribe()
  }
  if (source) watch(source, start, { immediate: true })
  else start()
  onScopeDispose(() => stop?.())
  return value
}
