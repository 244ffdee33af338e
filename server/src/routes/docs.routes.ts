// GET /api/openapi.json and GET /api/docs: the API reference, as an OpenAPI 3.1 document and as a readable page.
import { Hono } from 'hono'
import type { AppEnv } from '../app'
import { openApiDocument } from '../openapi/document'
import { renderDocsPage } from '../openapi/html'

const pages = new Map<string, string>()

export const docsRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument(c.var.version)))
  .get('/docs', (c) => {
    const version = c.var.version
    let page = pages.get(version)
    if (!page) pages.set(version, (page = renderDocsPage(openApiDocument(version))))
    // The page has no script and loads nothing: the strictest policy that still lets its inline style apply.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
    return c.html(page)
  })
