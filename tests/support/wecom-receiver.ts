// A stand-in for WeCom's group robot endpoint on 127.0.0.1 (random port): records every request with its robot
// key, body and time, answers {"errcode":0} by default, and can be told to fail (HTTP 500 or a WeCom errcode)
// or to be slow, for every robot or one key, for the next n requests or until told otherwise.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Behaviour = { kind: 'ok' } | { kind: 'http'; status: number } | { kind: 'errcode'; errcode: number; errmsg?: string } | { kind: 'slow'; ms: number }

export interface ReceivedRequest {
  key: string
  /** The parsed JSON body (undefined when it was not JSON). */
  body: { msgtype?: string; markdown?: { content: string } } | undefined
  /** Markdown content, '' when there was none. */
  content: string
  /** Receipt time, ms. */
  at: number
  /** What the receiver answered: 'ok', 'http 500', 'errcode 45009', 'slow'. */
  outcome: string
}

export interface WecomReceiver {
  /** The endpoint to give the notifier as wecomUrl. */
  url: string
  /** Every request, in order of arrival. */
  requests: ReceivedRequest[]
  /** The requests answered with errcode 0: the messages a group would have shown. */
  delivered(key?: string): ReceivedRequest[]
  /** How to answer from now on: for one key or every one, the next `times` requests or until changed. */
  behave(b: Behaviour, opts?: { key?: string; times?: number }): void
  /** Back to answering ok for everyone, forgetting the requests. */
  reset(): void
  close(): Promise<void>
}

interface Rule {
  b: Behaviour
  key?: string
  left: number
}

export async function startWecomReceiver(): Promise<WecomReceiver> {
  const requests: ReceivedRequest[] = []
  let rules: Rule[] = []

  const ruleFor = (key: string): Behaviour => {
    const rule = rules.find((r) => (r.key === undefined || r.key === key) && r.left > 0)
    if (!rule) return { kind: 'ok' }
    rule.left--
    return rule.b
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: ReceivedRequest['body']
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    const key = url.searchParams.get('key') ?? ''
    const b = req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send' ? ruleFor(key) : ({ kind: 'http', status: 404 } as const)
    const record: ReceivedRequest = { key, body, content: body?.markdown?.content ?? '', at: Date.now(), outcome: 'ok' }
    requests.push(record)
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    switch (b.kind) {
      case 'ok':
        if (!key) {
          record.outcome = 'errcode 93000'
          return json(200, { errcode: 93000, errmsg: 'invalid webhook url' })
        }
        return json(200, { errcode: 0, errmsg: 'ok' })
      case 'http':
        record.outcome = `http ${b.status}`
        return json(b.status, { error: 'failing as told' })
      case 'errcode':
        record.outcome = `errcode ${b.errcode}`
        return json(200, { errcode: b.errcode, errmsg: b.errmsg ?? 'failing as told' })
      case 'slow':
        record.outcome = 'slow'
        await new Promise((r) => setTimeout(r, b.ms))
        if (!res.destroyed) json(200, { errcode: 0, errmsg: 'ok' })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/cgi-bin/webhook/send`,
    requests,
    delivered: (key) => requests.filter((r) => r.outcome === 'ok' && (key === undefined || r.key === key)),
    behave(b, opts = {}) {
      rules = rules.filter((r) => r.key !== opts.key)
      rules.unshift({ b, key: opts.key, left: opts.times ?? Infinity })
    },
    reset() {
      rules = []
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
