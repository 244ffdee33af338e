// How long to wait before pushing again after a failed attempt: doubling from a few seconds up to five minutes,
// with jitter so that a district's tablets coming back online together do not all retry in the same second.

export const BACKOFF_BASE_MS = 2_000
export const BACKOFF_CAP_MS = 5 * 60_000

/**
 * The wait after the `attempts`-th failure (1 for the first): half of the doubled delay is fixed and half is
 * random, so waits grow with each failure yet are spread out, and never exceed the cap.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30)
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent)
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}
