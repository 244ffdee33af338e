// What the inspector is in the middle of (an unsaved record, a photo being processed). An app update waits
// until nothing is busy, so it never reloads under someone mid-record.
import { computed, reactive } from 'vue'

const reasons = reactive(new Set<string>())

export function markBusy(reason: string, on: boolean): void {
  if (on) reasons.add(reason)
  else reasons.delete(reason)
}

export const isBusy = computed(() => reasons.size > 0)
