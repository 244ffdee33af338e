// What browser tests do through the API beside the page: sign in as a demo user, call routes, push mutations,
// and sign a page in through the login screen.
import { randomUUID } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { DEMO_PASSWORD } from '@shared/seed'
import { encodeHlc } from '@shared/sync/hlc'

export interface Caller {
  userId: string
  device: string
  headers: Record<string, string>
  /** The raw answer, whatever its status; `init.headers` override the caller's (a photo's content type). */
  call(path: string, init?: RequestInit): Promise<Response>
  /** The parsed answer; fails the test on anything but 2xx. */
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>
  /** Pushes mutations and expects every one applied. */
  push(mutations: unknown[]): Promise<void>
  /** A mutation as this caller's device makes it. */
  mutation(type: string, payload: unknown): { id: string; type: string; hlc: string; payload: unknown }
}

let counter = 0

export async function apiCaller(baseUrl: string, username: string, device = `e2e-${username}-${randomUUID().slice(0, 8)}`): Promise<Caller> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId: device }),
  })
  expect(res.status).toBe(200)
  const { token, user } = (await res.json()) as { token: string; user: { id: string } }
  const headers = { authorization: `Bearer ${token}`, 'x-kaoping-device': device, 'content-type': 'application/json' }
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}/api${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } })
  const json = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const r = await call(path, { method: init.method ?? 'GET', ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) })
    const text = await r.text()
    if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${text}`)
    return JSON.parse(text) as T
  }
  const mutation = (type: string, payload: unknown) => ({ id: randomUUID(), type, hlc: encodeHlc({ ms: Date.now(), counter: counter++ % 0xffff, device }), payload })
  const push = async (mutations: unknown[]) => {
    const { results } = await json<{ results: { status: string }[] }>('/sync/push', { method: 'POST', body: { deviceId: device, mutations } })
    expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(mutations.map(() => 'applied'))
  }
  return { userId: user.id, device, headers, call, json, push, mutation }
}

/** A new page of `context`, signed in through the login screen. */
export async function signedInPage(context: BrowserContext, baseUrl: string, username: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${baseUrl}/login`)
  await page.locator('[data-test=username]').fill(username)
  await page.locator('[data-test=password]').fill(DEMO_PASSWORD)
  await page.locator('[data-test=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  return page
}
