export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface ConsentPersona {
  id: string;
  label: string;
}

export interface ConsentChoice {
  value: string;
  label: string;
  checked: boolean;
}

export interface ConsentPageInput {
  platform: string;
  appName: string;
  /** Where the form posts (same path as the page). */
  action: string;
  hidden: Record<string, string>;
  personas: ConsentPersona[];
  selectedPersona: string;
  /** Link that re-renders the page for another persona (`persona` query parameter appended). */
  personaSwitchBase?: string;
  scopes: ConsentChoice[];
  scopeField: string;
  pages?: ConsentChoice[];
  /** The persona the listed Pages belong to; the choice only counts if that persona is the one approving. */
  pagesFor?: string;
  note?: string;
}

/**
 * The approval page. Field contract (also for plain HTTP tests): `persona`, `decision=approve|deny`,
 * one `scope` per granted permission plus `scopes_listed=1`, and for Facebook one `page` per granted Page
 * plus `pages_listed=<persona id>`. Without the `*_listed` marker everything requested is granted.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const personas = input.personas
    .map(
      (p) =>
        `<label class="persona"><input type="radio" name="persona" value="${escapeHtml(p.id)}"${p.id === input.selectedPersona ? ' checked' : ''}> ${escapeHtml(p.label)}</label>` +
        (input.personaSwitchBase ? ` <a href="${escapeHtml(`${input.personaSwitchBase}&persona=${encodeURIComponent(p.id)}`)}">show</a>` : ''),
    )
    .join('<br>\n');
  const checkboxes = (name: string, items: ConsentChoice[]): string =>
    items
      .map(
        (s) =>
          `<label><input type="checkbox" name="${name}" value="${escapeHtml(s.value)}"${s.checked ? ' checked' : ''}> ${escapeHtml(s.label)}</label>`,
      )
      .join('<br>\n');
  const pages = input.pages
    ? `<fieldset><legend>Pages shared with ${escapeHtml(input.appName)}</legend>
<input type="hidden" name="pages_listed" value="${escapeHtml(input.pagesFor ?? '')}">
${input.pages.length ? checkboxes('page', input.pages) : '<em>This person manages no Pages.</em>'}
</fieldset>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.platform)} (Herald sandbox): authorize ${escapeHtml(input.appName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}fieldset{margin:1rem 0}.banner{background:#fff3cd;padding:.5rem 1rem;border-radius:4px}button{font-size:1rem;margin-right:1rem;padding:.4rem 1.2rem}</style>
</head><body>
<p class="banner">This is the <strong>Herald sandbox</strong>, a local stand-in for ${escapeHtml(input.platform)}. No real account is involved.</p>
<h1>Authorize <span id="app-name">${escapeHtml(input.appName)}</span> to use your ${escapeHtml(input.platform)} account?</h1>
${input.note ? `<p>${escapeHtml(input.note)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}" id="consent">
${hidden}
<fieldset><legend>Sign in as</legend>
${personas}
</fieldset>
<fieldset><legend>Permissions requested</legend>
<input type="hidden" name="scopes_listed" value="1">
${checkboxes(input.scopeField, input.scopes)}
</fieldset>
${pages}
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</body></html>`;
}

export function renderErrorPage(platform: string, title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>
<p>Herald sandbox: ${escapeHtml(platform)}</p><h1>${escapeHtml(title)}</h1><p id="error-message">${escapeHtml(message)}</p></body></html>`;
}
