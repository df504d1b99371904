import { CONTENT_ALLOWED_ATTRIBUTES, CONTENT_ALLOWED_TAGS } from '@herald/shared';
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...CONTENT_ALLOWED_TAGS],
  allowedAttributes: { '*': [...CONTENT_ALLOWED_ATTRIBUTES] },
  // Links: http:, https:, mailto:, or relative (`/…`, `#…`), as the shared content policy says.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // A tag that is not allowed goes, its text stays; the text of script, style and the like goes with it.
  disallowedTagsMode: 'discard',
  // Raw-text and legacy elements go with everything inside them: a browser reads their content as text, the parser
  // may not, and copying it out of them is how markup got through (GHSA-rpr9-rxv7-x643, `<xmp>`).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noembed', 'noframes', 'noscript', 'plaintext', 'listing', 'title', 'iframe', 'template'],
};

/**
 * Stored content is sanitized HTML (docs/public-api.md §3.2.5): only the content policy's tags, attributes and link
 * schemes survive, and text is HTML-serialized, so a plain `&`, `<` or `>` is stored as an entity. Platforms get
 * the plain text back through `htmlToPlainText`; a client that shows content as HTML gets nothing it could run.
 */
export function sanitizeContent(content: string): string {
  if (!/[<>&]/.test(content)) return content;
  return sanitizeHtml(content, OPTIONS);
}
