// A Dexie live query as a Vue ref: re-runs when the tables it read change, stops with the component.
import { liveQuery } from 'dexie'
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'

export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T): Ref<T> {
  const value = ref(initial) as Ref<T>
  const sub = liveQuery(query).subscribe({
    next: (v) => (value.value = v),
    error: (e) => console.warn('live query failed', e),
  })
  if (getCurrentScope()) onScopeDispose(() => sub.unsubscribe())
  return value
}
