// The bureau's screen follows new and decided appeals as they happen: the live stream (GET /api/live, server-sent
// events, supervisors and administrators only) names each committed change; a change to an appeal, or a
// reconnection after which some may have been missed, asks the screen to read the list again, a moment later so
// that a burst costs one read. A stream the server refuses (an expired session) is simply not followed: the
// refresh button still works.
import { API_BASE } from '../../api/client'
import { currentSession, deviceId } from '../auth/session'

export interface Stop {
  (): void
}

/** Whether a notice from the stream concerns appeals. */
export function isAppealNotice(data: string): boolean {
  try {
    return (JSON.parse(data) as { entity?: unknown }).entity === 'appeal'
  } catch {
    return false
  }
}

export function followAppeals(reload: () => void, delayMs = 400): Stop {
  if (typeof EventSource === 'undefined') return () => {}
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let readies = 0
  let stopped = false
  const soon = () => {
    clearTimeout(timer)
    timer = setTimeout(reload, delayMs)
  }
  void (async () => {
    const s = currentSession.value
    if (!s) return
    const url = `${API_BASE}/live?${new URLSearchParams({ access_token: s.token, device: await deviceId() })}`
    if (stopped) return
    source = new EventSource(url)
    source.addEventListener('ready', () => {
      if (readies++ > 0) soon()
    })
    source.addEventListener('change', (e) => {
      if (isAppealNotice((e as MessageEvent<string>).data)) soon()
    })
  })()
  return () => {
    stopped = true
    clearTimeout(timer)
    source?.close()
  }
}
