// Stored content is HTML from the composer (or plain text from API clients). Platforms receive plain text, so
// everything that counts or checks content works on the text this function produces, and providers should send
// exactly this text, or the counter in the composer and the platform would disagree.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Converts composer HTML to the plain text a platform receives: block ends and `<br>` become line breaks, list
 * items get a "- " bullet, other tags are dropped and entities decoded. Plain text passes through unchanged,
 * apart from entity decoding (stored content is HTML-serialized, so `&amp;` in storage means `&`).
 */
export function htmlToPlainText(content: string): string {
  if (!content.includes('<') && !content.includes('&')) return content;
  const text = content
    .replace(/\r\n?/g, '\n')
    // Source line breaks between tags are formatting, not text: the tags carry the structure.
    .replace(/(<\/(?:p|h[1-6]|li|ul|ol|div)>|<br\s*\/?>)\n+/gi, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li(\s[^>]*)?>/gi, '- ')
    .replace(/<\/(p|h[1-6]|li|div)>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  return decodeEntities(text).replace(/\n+$/, '');
}

/** True when there is nothing to publish as text: no characters left once the markup is gone. */
export function isBlankContent(content: string): boolean {
  return htmlToPlainText(content).trim() === '';
}

/**
 * The length as the platforms without weighting count it: UTF-16 code units after NFC. Instagram's and Facebook's
 * apps measure with Java's String.length / NSString.length, which are UTF-16, so most emoji count 2.
 */
export function utf16Length(text: string): number {
  return text.normalize('NFC').length;
}
