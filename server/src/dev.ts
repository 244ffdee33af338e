// `npm run dev`: the API on PORT (8787) and Vite's dev server with hot reload, which proxies /api to it.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { loadConfig } from './config'
import { startServer } from './server'

const config = loadConfig()
const api = await startServer(config, { log: (m) => console.log(m) })
console.log(`API on ${api.url}`)
const vite = await createServer({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)) })
await vite.listen()
vite.printUrls()
