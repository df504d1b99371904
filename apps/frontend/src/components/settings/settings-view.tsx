'use client';

import { useOrganizationRole } from '../../hooks/use-session';
import { ImportSection, SignaturesSection } from '../planning/signatures-section';
import { PageHeader } from '../ui/page-header';
import { NotificationsSection, SessionsSection } from './account-section';
import { ApiKeySection } from './api-key-section';
import { CustomersSection } from './customers-section';
import { MembersSection } from './members-section';
import { TagsSection } from './tags-section';
import { TimezoneSection } from './timezone-section';
import styles from './settings.module.css';

/** What a person may not change is not offered: members see their own preferences only. */
export function SettingsView() {
  const { canManage } = useOrganizationRole();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          canManage
            ? "Your preferences, and your organization's members, customers, tags, signatures, imports and API access."
            : 'Your preferences, signatures, imports and your account.'
        }
      />
      <div className={styles.stack}>
        <TimezoneSection />
        <NotificationsSection />
        {canManage ? (
          <>
            <MembersSection />
            <CustomersSection />
            <TagsSection />
          </>
        ) : null}
        <SignaturesSection />
        <ImportSection />
        {canManage ? <ApiKeySection /> : null}
        <SessionsSection />
      </div>
    </>
  );
}
