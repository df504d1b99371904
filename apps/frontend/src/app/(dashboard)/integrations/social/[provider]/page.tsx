import type { Metadata } from 'next';
import { ConnectCallback } from '../../../../../components/connect/connect-callback';

export const metadata: Metadata = { title: 'Connecting channel' };

export default async function OAuthCallbackPage({ params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  return <ConnectCallback provider={provider} />;
}
