// Before any test: build the client once, so the test files that start a server never build it at the same time.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/build-client.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  })
  if (run.status !== 0) throw new Error(`building the client failed (exit ${run.status})`)
}
