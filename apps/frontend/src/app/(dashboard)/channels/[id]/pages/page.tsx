import type { Metadata } from 'next';
import { PagePicker } from '../../../../../components/connect/page-picker';

export const metadata: Metadata = { title: 'Choose a Page' };

export default async function ChannelPagesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PagePicker integrationId={id} />;
}
