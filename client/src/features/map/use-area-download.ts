// The "download this area" dialogue as a small state machine: plan the area and check the room for it, wait for the
// inspector's yes, download with progress, stop on request, report what was stored.
import { onScopeDispose, shallowRef } from 'vue'
import {
  checkQuota,
  downloadArea,
  planArea,
  storageFigures,
  type AreaBounds,
  type AreaPlan,
  type DownloadProgress,
  type DownloadResult,
  type QuotaVerdict,
} from './download-area'
import type { TileSettings } from './tile-settings'
import { tileStore } from './tile-cache'

export type AreaDownloadState =
  | { step: 'idle' }
  | { step: 'confirm'; plan: AreaPlan; verdict: Extract<QuotaVerdict, { ok: true }> }
  | { step: 'refused'; plan: AreaPlan; verdict: Extract<QuotaVerdict, { ok: false }> }
  | { step: 'running'; plan: AreaPlan; progress: DownloadProgress }
  | { step: 'finished'; plan: AreaPlan; result: DownloadResult }

export function useAreaDownload(onFinished: () => void) {
  const state = shallowRef<AreaDownloadState>({ step: 'idle' })
  let controller: AbortController | undefined

  async function prepare(bounds: AreaBounds, zoom: number, settings: TileSettings): Promise<void> {
    const plan = planArea(bounds, zoom, settings.maxZoom)
    const verdict = checkQuota(plan, await storageFigures())
    state.value = verdict.ok ? { step: 'confirm', plan, verdict } : { step: 'refused', plan, verdict }
  }

  async function start(settings: TileSettings): Promise<void> {
    const s = state.value
    const store = tileStore()
    if (s.step !== 'confirm' || !store) return
    controller = new AbortController()
    const plan = s.plan
    state.value = { step: 'running', plan, progress: { total: plan.tiles, done: 0, stored: 0, skipped: 0, failed: 0, bytes: 0 } }
    const result = await downloadArea({
      settings,
      plan,
      store,
      signal: controller.signal,
      onProgress: (progress) => {
        if (state.value.step === 'running') state.value = { step: 'running', plan, progress }
      },
    })
    controller = undefined
    if (state.value.step === 'running') state.value = { step: 'finished', plan, result }
    onFinished()
  }

  /** Stops a running download (what is stored stays) and keeps the dialogue open with the result. */
  function stop(): void {
    controller?.abort()
  }

  function close(): void {
    controller?.abort()
    state.value = { step: 'idle' }
  }

  onScopeDispose(() => controller?.abort())
  return { state, prepare, start, stop, close }
}
