import { createHash } from 'node:crypto';

// Renders the OpenAPI document in the browser without anything from a CDN: the document is embedded in the page,
// and the small script below turns it into a list of operations with their parameters and schemas.
const RENDER = `
const doc = JSON.parse(document.getElementById('openapi').textContent);
const root = document.getElementById('root');
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const resolve = (schema) => schema && schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
const schemaBlock = (schema) => { const pre = el('pre'); pre.textContent = JSON.stringify(resolve(schema), null, 2); return pre; };
root.appendChild(el('h1', '', doc.info.title + ' ' + doc.info.version));
root.appendChild(el('p', '', doc.info.description));
root.appendChild(el('p', 'server', 'Base URL: ' + doc.servers[0].url));
for (const [path, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const d = el('details', 'op');
    const s = el('summary');
    s.appendChild(el('span', 'm ' + method, method.toUpperCase()));
    s.appendChild(el('code', '', path));
    s.appendChild(el('span', 'sum', ' ' + op.summary + (op['x-herald'] ? ' (Herald)' : '')));
    d.appendChild(s);
    if (op.parameters.length) {
      d.appendChild(el('h4', '', 'Parameters'));
      const ul = el('ul');
      for (const p of op.parameters) ul.appendChild(el('li', '', p.name + ' (' + p.in + (p.required ? ', required' : '') + ')' + (p.description ? ': ' + p.description : '')));
      d.appendChild(ul);
    }
    if (op.requestBody) {
      const [type, media] = Object.entries(op.requestBody.content)[0];
      d.appendChild(el('h4', '', 'Body (' + type + ')'));
      d.appendChild(schemaBlock(media.schema));
    }
    for (const [status, response] of Object.entries(op.responses)) {
      const [type, media] = Object.entries(response.content)[0];
      d.appendChild(el('h4', '', status + ' (' + type + ')'));
      d.appendChild(schemaBlock(media.schema));
    }
    root.appendChild(d);
  }
}`;

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 24px; color: #1d1d1f; }
.op { border: 1px solid #ddd; border-radius: 6px; margin: 8px 0; padding: 8px 12px; }
summary { cursor: pointer; }
.m { display: inline-block; min-width: 64px; font-weight: 600; }
.get { color: #0a7d32; } .post { color: #1a56c4; } .put { color: #a35f00; } .delete { color: #b3261e; }
pre { background: #f6f6f8; padding: 8px; overflow-x: auto; font-size: 13px; }
.sum { color: #555; }`;

export const DOCS_SCRIPT_HASH = `sha256-${createHash('sha256').update(RENDER).digest('base64')}`;

/** JSON inside <script type="application/json">: only `<` needs escaping to keep it inert. */
function embed(document: unknown): string {
  return JSON.stringify(document).replace(/</g, '\\u003c');
}

export function docsPage(document: unknown): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Herald public API</title><style>${STYLE}</style></head>
<body><main id="root"></main>
<script type="application/json" id="openapi">${embed(document)}</script>
<script>${RENDER}</script>
<noscript><p>This page renders <a href="openapi.json">openapi.json</a>; enable JavaScript or read the document directly.</p></noscript>
</body></html>`;
}

/** Nothing but the page's own style and script may run or load. */
export const DOCS_CSP = `default-src 'none'; script-src '${DOCS_SCRIPT_HASH}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
