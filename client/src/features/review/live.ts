// The live stream behind the workspace (GET /api/live, server-sent events). Each committed change arrives as a
// notice naming an entity and id; notices about findings are gathered for a moment and handed on as one batch
// of ids, so a push of two hundred findings costs one request, not two hundred. A notice missed while the stream
// was down costs only a reload: every `ready` after the first one asks for a resync. A stream the server refuses
// (an expired session answers 401, and EventSource then gives up) is reopened after a pause with a fresh URL.

export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped'

/** The part of the browser's EventSource this uses. */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: (e: MessageEvent) => void): void
  close(): void
  onerror: ((e: Event) => void) | null
}

export interface LiveOptions {
  /** The stream's URL with the session in its query (EventSource cannot send headers); built at each (re)open. */
  url(): Promise<string | null>
  open?(url: string): EventSourceLike
  onFindings(ids: string[]): void
  onResync(): void
  onState?(state: LiveState): void
  batchMs?: number
  retryMs?: number
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void }
}

const CLOSED = 2

export class LiveFeed {
  private source: EventSourceLike | null = null
  private pending = new Set<string>()
  private flushTimer: unknown = null
  private retryTimer: unknown = null
  private readies = 0
  private stopped = true
  state: LiveState = 'stopped'

  constructor(private readonly o: LiveOptions) {}

  private get timers() {
    return this.o.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) }
  }

  private setState(s: LiveState): void {
    this.state = s
    this.o.onState?.(s)
  }

  async start(): Promise<void> {
    this.stopped = false
    await this.open()
  }

  private async open(): Promise<void> {
    if (this.stopped) return
    this.setState(this.readies ? 'retrying' : 'connecting')
    const url = await this.o.url()
    if (this.stopped) return
    if (!url) return this.retry()
    const source = (this.o.open ?? ((u: string) => new EventSource(u) as unknown as EventSourceLike))(url)
    this.source = source
    source.addEventListener('ready', () => {
      if (this.readies++ > 0) this.o.onResync()
      this.setState('live')
    })
    source.addEventListener('change', (e) => this.notice(e.data))
    source.onerror = () => {
      if (this.source !== source) return
      // Still CONNECTING: the browser retries on its own (the server asked for 3 s). CLOSED: it gave up.
      if (source.readyState === CLOSED) {
        source.close()
        this.source = null
        this.retry()
      } else this.setState('retrying')
    }
  }

  private retry(): void {
    this.setState('retrying')
    this.timers.clear(this.retryTimer)
    this.retryTimer = this.timers.set(() => void this.open(), this.o.retryMs ?? 5000)
  }

  private notice(data: unknown): void {
    let n: { entity?: unknown; id?: unknown }
    try {
      n = JSON.parse(String(data))
    } catch {
      return
    }
    if (n.entity !== 'finding' || typeof n.id !== 'string') return
    this.pending.add(n.id)
    if (this.flushTimer === null) this.flushTimer = this.timers.set(() => this.flush(), this.o.batchMs ?? 300)
  }

  /** Hands on the gathered ids now. */
  flush(): void {
    this.timers.clear(this.flushTimer)
    this.flushTimer = null
    if (!this.pending.size) return
    const ids = [...this.pending]
    this.pending.clear()
    this.o.onFindings(ids)
  }

  stop(): void {
    this.stopped = true
    this.timers.clear(this.flushTimer)
    this.timers.clear(this.retryTimer)
    this.flushTimer = null
    this.pending.clear()
    this.source?.close()
    this.source = null
    this.setState('stopped')
  }
}
