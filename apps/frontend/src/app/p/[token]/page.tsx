import type { Metadata } from 'next';
import { ClientPreview } from '../../../components/planning/client-preview';

// A client's view of one post: no account, no dashboard around it, and not for search engines.
export const metadata: Metadata = { title: 'Post preview', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default async function PreviewPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ClientPreview token={token} />;
}
