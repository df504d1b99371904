// Stored content is sanitized HTML (docs/public-api.md §3.2.5). The sanitizing itself needs a DOM (DOMPurify), so it
// lives in the backend; the allow-list is shared so that the composer only produces markup that survives it.

export const CONTENT_ALLOWED_TAGS = ['p', 'br', 'strong', 'u', 'a', 'ul', 'li', 'h1', 'h2', 'h3', 'span'] as const;

export const CONTENT_ALLOWED_ATTRIBUTES = ['href', 'target', 'rel', 'class', 'data-mention-id', 'data-mention-label'] as const;

/** Links may use http:, https:, mailto:, or be relative (`/…`) or fragments (`#…`). Suits DOMPurify's ALLOWED_URI_REGEXP. */
export const CONTENT_ALLOWED_URI = /^(?:https?:|mailto:|\/|#)/i;
