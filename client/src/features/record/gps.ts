// The tablet's position while the record screen is open: navigator.geolocation.watchPosition with high accuracy,
// stopped when the screen goes away. The last fix is kept through a later timeout or signal loss, with its age,
// so an inspector stepping into a doorway does not lose the point they were standing on.
import { computed, getCurrentScope, onScopeDispose, ref, toValue, type MaybeRefOrGetter } from 'vue'
import type { GeoPoint } from '@shared/domain'

export type GpsError = 'denied' | 'unavailable' | 'timeout' | 'unsupported'

export function gpsErrorOf(code: number): GpsError {
  // GeolocationPositionError: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable'
}

/** True when the fix is less precise than the policy's threshold (gpsAccuracyWarnMetres). */
export function accuracyWarning(accuracy: number | null | undefined, warnMetres: number): boolean {
  return accuracy != null && accuracy > warnMetres
}

export function useGps(warnMetres: MaybeRefOrGetter<number>) {
  const position = ref<GeoPoint | null>(null)
  /** Device time of the last fix, ms. */
  const fixedAt = ref<number | null>(null)
  const error = ref<GpsError | null>(null)
  const watching = ref(false)
  let watchId: number | null = null

  const accuracy = computed(() => position.value?.accuracy ?? null)
  const warning = computed(() => accuracyWarning(accuracy.value, toValue(warnMetres)))

  function start(): void {
    if (watchId !== null) return
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      error.value = 'unsupported'
      return
    }
    watching.value = true
    watchId = navigator.geolocation.watchPosition(
      (p) => {
        position.value = { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }
        // Our own clock at receipt: the fix's timestamp comes from the location provider and may lag or lead it.
        fixedAt.value = Date.now()
        error.value = null
      },
      (e) => {
        error.value = gpsErrorOf(e.code)
        // Denied is final until the inspector changes the browser's setting; the others may recover by themselves.
        if (error.value === 'denied') stop()
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    )
  }

  function stop(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId)
    watchId = null
    watching.value = false
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return { position, fixedAt, accuracy, error, warning, watching, start, stop }
}
