// `npm start`: build the client if it is missing or older than its sources, then serve app and API.
import { loadConfig } from './config'
import { startServer } from './server'
import { buildClientIfNeeded, CLIENT_DIR } from './build-client'

const config = loadConfig()
await buildClientIfNeeded()
const server = await startServer(config, { clientDir: CLIENT_DIR, log: (m) => console.log(m) })
console.log(`Kaoping ${server.db.dialect === 'postgres' ? 'on PostgreSQL' : `on SQLite in ${config.dataDir}`} — ${server.url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close().finally(() => process.exit(0))
  })
}
