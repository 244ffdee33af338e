// "My location": one high-accuracy fix from the Geolocation API (WGS-84, as everything stored), or the reason there
// is none. The fix is kept only in memory, for drawing.
import { ref, shallowRef } from 'vue'
import type { LatLng } from '@shared/geo'

export type LocationFix = LatLng & { accuracy: number }
export type LocationProblem = 'denied' | 'timeout' | 'unavailable' | 'unsupported'

export function useMyLocation() {
  const fix = shallowRef<LocationFix | null>(null)
  const locating = ref(false)
  const problem = ref<LocationProblem | null>(null)

  function locate(): Promise<LocationFix | null> {
    problem.value = null
    if (!('geolocation' in navigator)) {
      problem.value = 'unsupported'
      return Promise.resolve(null)
    }
    locating.value = true
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          locating.value = false
          fix.value = { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy }
          resolve(fix.value)
        },
        (err) => {
          locating.value = false
          problem.value = err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable'
          resolve(null)
        },
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 10_000 },
      )
    })
  }

  return { fix, locating, problem, locate }
}
