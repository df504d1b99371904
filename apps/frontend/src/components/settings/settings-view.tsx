'use client';

import { ImportSection, SignaturesSection } from '../planning/signatures-section';
import { PageHeader } from '../ui/page-header';
import { ApiKeySection } from './api-key-section';
import { CustomersSection } from './customers-section';
import { TagsSection } from './tags-section';
import { TimezoneSection } from './timezone-section';
import styles from './settings.module.css';

export function SettingsView() {
  return (
    <>
      <PageHeader title="Settings" description="Your preferences, and your organization's customers, tags, signatures, imports and API access." />
      <div className={styles.stack}>
        <TimezoneSection />
        <CustomersSection />
        <TagsSection />
        <SignaturesSection />
        <ImportSection />
        <ApiKeySection />
      </div>
    </>
  );
}
