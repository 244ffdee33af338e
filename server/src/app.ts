// The Hono application: small sub-apps, one per resource, mounted under /api.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Db } from './db/database'
import { ApiError, renderError, renderNotFound } from './http/api-error'
import { healthRoutes } from './routes/health.routes'
import { districtRoutes } from './routes/districts.routes'
import { authRoutes } from './routes/auth.routes'
import type { AuthUser } from './auth/middleware'
import { localBus, type LiveBus } from './live/bus'
import { syncRoutes } from './routes/sync.routes'
import { scoreRoutes } from './routes/scores.routes'
import type { BlobStore } from './photos/blob-store'
import { photoRoutes } from './routes/photos.routes'
import { liveRoutes } from './routes/live.routes'
import { docsRoutes } from './routes/docs.routes'
import { findingRoutes } from './routes/findings.routes'
import { rectificationRoutes } from './routes/rectifications.routes'
import { mediaExposureRoutes, surveyScoreRoutes } from './routes/social.routes'
import { notificationRoutes } from './routes/notifications.routes'
import { appealRoutes } from './routes/appeals.routes'

export interface AppEnv {
  Variables: { db: Db; version: string; bus: LiveBus; user?: AuthUser }
}

export interface AppOptions {
  db: Db
  version: string
  /** Live change notices; in-process unless PostgreSQL's LISTEN/NOTIFY carries them between processes. */
  bus?: LiveBus
  /** Built client to serve at /; omitted in API-only tests. */
  clientDir?: string
  /** Where photo bytes live; without it /api/photos is not mounted. */
  photos?: BlobStore
  /** Largest JSON body accepted, bytes. */
  maxBodyBytes?: number
}

export function createApp(opts: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError(renderError)
  const bus = opts.bus ?? localBus()

  const api = new Hono<AppEnv>()
  api.use(async (c, next) => {
    c.set('db', opts.db)
    c.set('version', opts.version)
    c.set('bus', bus)
    await next()
  })
  const maxBody = opts.maxBodyBytes ?? 4 * 1024 * 1024
  const jsonLimit = bodyLimit({
    maxSize: maxBody,
    onError: () => {
      throw new ApiError('payload_too_large', `Request body is larger than ${maxBody} bytes`)
    },
  })
  // Photos stream to disk under their own, larger limit.
  api.use((c, next) => (c.req.path.startsWith('/api/photos/') ? next() : jsonLimit(c, next)))
  api.route('/health', healthRoutes)
  api.route('/districts', districtRoutes)
  api.route('/auth', authRoutes)
  api.route('/sync', syncRoutes)
  api.route('/live', liveRoutes)
  api.route('/', docsRoutes)
  api.route('/scores', scoreRoutes)
  api.route('/findings', findingRoutes)
  api.route('/rectifications', rectificationRoutes)
  api.route('/media-exposures', mediaExposureRoutes)
  api.route('/survey-scores', surveyScoreRoutes)
  api.route('/notifications', notificationRoutes)
  api.route('/appeals', appealRoutes)
  if (opts.photos) api.route('/photos', photoRoutes(opts.photos))
  api.notFound(renderNotFound)
  app.route('/api', api)
  app.all('/api/*', renderNotFound)

  if (opts.clientDir && existsSync(join(opts.clientDir, 'index.html'))) {
    const root = relative(process.cwd(), opts.clientDir) || '.'
    const index = readFileSync(join(opts.clientDir, 'index.html'), 'utf8')
    app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }))
    app.use('*', serveStatic({ root }))
    // Client-side routes: any other GET that is not under /api gets the app shell.
    app.get('*', (c) => c.html(index))
  }
  app.notFound(renderNotFound)
  return app
}
