import type { Metadata } from 'next';
import { InvitationAccept } from '../../../../components/auth/invitation-accept';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationAccept token={token} />;
}
