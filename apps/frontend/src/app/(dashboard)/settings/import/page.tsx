import type { Metadata } from 'next';
import { ImportView } from '../../../../components/planning/import-view';

export const metadata: Metadata = { title: 'Import posts' };

export default function ImportPage() {
  return <ImportView />;
}
