// The readable reference page, rendered from the OpenAPI document as plain HTML: no script, no CDN, so it works
// on a machine without a network and under a strict content security policy.
import type { OpenApiDocument, Operation } from './document'

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Inline `code` spans of the descriptions, after escaping. */
const prose = (s: unknown): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>')

const anchor = (method: string, path: string) => `op-${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`

/** Pretty JSON whose component references link to the component. */
function schemaBlock(schema: unknown): string {
  const only = schema as { $ref?: unknown }
  if (typeof only?.$ref === 'string' && Object.keys(only).length === 1) {
    const name = only.$ref.split('/').pop()!
    return `<p class="ref">Schema: <a href="#schema-${esc(name)}">${esc(name)}</a></p>`
  }
  const text = esc(JSON.stringify(schema, null, 2))
  const linked = text.replace(
    /(&quot;\$ref&quot;: &quot;)#\/components\/schemas\/([A-Za-z0-9]+)(&quot;)/g,
    (_m, a: string, name: string, b: string) => `${a}<a href="#schema-${name}">#/components/schemas/${name}</a>${b}`,
  )
  return `<pre>${linked}</pre>`
}

function parameterTable(params: Record<string, unknown>[]): string {
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${prose(p.description ?? '')}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>name</th><th>in</th><th>required</th><th>description</th><th>schema</th></tr></thead><tbody>${rows}</tbody></table>`
}

function contentBlocks(content: unknown): string {
  return Object.entries((content ?? {}) as Record<string, { schema?: unknown }>)
    .map(([type, c]) => `<div class="ctype">${esc(type)}</div>${c.schema ? schemaBlock(c.schema) : ''}`)
    .join('')
}

function operationSection(path: string, method: string, op: Operation): string {
  const parts = [
    `<section class="op" id="${anchor(method, path)}">`,
    `<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>`,
    `<p class="summary">${prose(op.summary)}</p>`,
    op.description ? `<p>${prose(op.description)}</p>` : '',
    `<p class="access">Access: ${esc(op['x-kaoping-access'])}</p>`,
  ]
  if (op.parameters?.length) parts.push('<h4>Parameters</h4>', parameterTable(op.parameters))
  if (op.requestBody) {
    const body = op.requestBody as { description?: string; content?: unknown }
    parts.push('<h4>Request body</h4>', body.description ? `<p>${prose(body.description)}</p>` : '', contentBlocks(body.content))
  }
  parts.push('<h4>Responses</h4><dl>')
  for (const [status, res] of Object.entries(op.responses)) {
    const r = res as { description?: string; content?: unknown }
    parts.push(`<dt>${esc(status)}</dt><dd>${prose(r.description ?? '')}${Number(status) < 300 ? contentBlocks(r.content) : ''}</dd>`)
  }
  parts.push('</dl></section>')
  return parts.join('\n')
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2733;background:#fafbfc}
main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem 4rem}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d5dde5;padding-bottom:.2rem;margin-top:2.5rem}
.op{background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:.4rem 1rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem;background:#5b6b7b}
.get{background:#2f7d4f}.post{background:#2660a4}.put{background:#a2661b}.delete{background:#b13a3a}.head{background:#6b5ba0}
.summary{font-weight:600}.access{color:#5b6b7b}.ctype{color:#5b6b7b;font-size:.85rem;margin-top:.3rem}
pre{background:#f3f5f7;border-radius:4px;padding:.6rem;overflow:auto;max-height:28rem;font-size:.82rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}td,th{border:1px solid #dde3e9;padding:.25rem .5rem;text-align:left;vertical-align:top}
td code{word-break:break-all}dt{font-weight:600}a{color:#2660a4}.ref{margin:.2rem 0}
nav>ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:.5rem 2rem}
`

export function renderDocsPage(doc: OpenApiDocument): string {
  const info = doc.info as { title: string; version: string; description: string }
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
  const byTag = doc.tags.map((t) => ({ ...t, ops: ops.filter((o) => o.op.tags.includes(t.name)) }))
  const nav = byTag
    .map(
      (t) =>
        `<li><strong>${esc(t.name)}</strong><ul>${t.ops
          .map((o) => `<li><a href="#${anchor(o.method, o.path)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a></li>`)
          .join('')}</ul></li>`,
    )
    .join('')
  const sections = byTag
    .map((t) => `<h2 id="tag-${esc(t.name)}">${esc(t.name)}</h2><p>${prose(t.description)}</p>${t.ops.map((o) => operationSection(o.path, o.method, o.op)).join('\n')}`)
    .join('\n')
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, s]) => `<section class="op" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${schemaBlock(s)}</section>`)
    .join('\n')
  const security = Object.entries(doc.components.securitySchemes)
    .map(([name, s]) => `<li><code>${esc(name)}</code>: ${prose((s as { description?: string }).description ?? '')}</li>`)
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${esc(info.title)}</h1>
<p>Version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)} · <a href="/api/openapi.json">openapi.json</a></p>
<p>${prose(info.description)}</p>
<h2>Authentication</h2><ul>${security}</ul>
<h2>Routes</h2><nav><ul>${nav}</ul></nav>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</main></body></html>
`
}
