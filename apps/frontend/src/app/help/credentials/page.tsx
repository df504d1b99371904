import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'next';
import { Marked } from 'marked';
import styles from './guide.module.css';

export const metadata: Metadata = { title: 'Connecting platforms · Herald' };
// Rendered once at build time from the repository's docs/credentials.md: the guide and the app never disagree.
export const dynamic = 'force-static';

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

function renderGuide(): string {
  const source = readFileSync(path.join(process.cwd(), '..', '..', 'docs', 'credentials.md'), 'utf8');
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(inner)}">${inner}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(source, { async: false });
}

export default function CredentialsGuidePage() {
  return (
    <main className={styles.page}>
      <p>
        <a href="/channels">← Back to channels</a>
      </p>
      <article className={styles.guide} dangerouslySetInnerHTML={{ __html: renderGuide() }} />
    </main>
  );
}
