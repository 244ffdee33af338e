// On a cold start the first screen and its data come first; background work (the sync engine, the outbox's
// schemas, the service worker) waits until it shows, or it would compete with it for the main thread. Without a
// hold (tests, tools) nothing waits.
let waiting: Promise<void> | null = null
let release: () => void = () => {}

/** From now on, afterFirstScreen() waits until firstScreenShown() is called, or `maxMs` at most. */
export function holdUntilFirstScreen(maxMs: number): void {
  waiting = new Promise<void>((resolve) => {
    release = resolve
    setTimeout(resolve, maxMs)
  })
}

/** The first screen has its data: once the browser has drawn it and has a moment, the work held back may start. */
export function firstScreenShown(): void {
  // A hidden tab draws no frames; the hold's own time limit covers it.
  requestAnimationFrame(() => setTimeout(whenIdle, 0))
}

function whenIdle(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(release, { timeout: 300 })
  else release()
}

export function afterFirstScreen(): Promise<void> {
  return waiting ?? Promise.resolve()
}
