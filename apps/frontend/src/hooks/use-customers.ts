'use client';

import { useCallback } from 'react';
import { apiRequest } from '../lib/api-client';
import type { Customer, CustomerRef } from '../lib/api-types';
import { invalidateResources, useResource } from '../lib/resource-store';

/** Where a channel goes: an existing customer, none, or one found (or made) by name. */
export type CustomerChoice = { customerId: string | null } | { name: string };

/** The channel list, the customers' counts and the calendar's filtered ranges all change with a customer. */
function refreshAfterChange(): Promise<void> {
  return Promise.all([invalidateResources('/customers'), invalidateResources('/integrations/list'), invalidateResources('/posts')]).then(() => undefined);
}

/** The organization's customers (groups of channels, an agency's clients), sorted by name, and their changes. */
export function useCustomers(enabled = true) {
  const resource = useResource<Customer[]>(enabled ? '/customers' : null);

  const create = useCallback(async (name: string): Promise<Customer> => {
    const created = await apiRequest<Customer>('/customers', { method: 'POST', body: { name } });
    await refreshAfterChange();
    return created;
  }, []);

  const rename = useCallback(async (customer: CustomerRef, name: string): Promise<CustomerRef> => {
    const renamed = await apiRequest<CustomerRef>(`/customers/${encodeURIComponent(customer.id)}`, { method: 'PUT', body: { name } });
    await refreshAfterChange();
    return renamed;
  }, []);

  /** The customer goes; its channels stay, under no customer. */
  const remove = useCallback(async (customer: CustomerRef): Promise<void> => {
    await apiRequest<unknown>(`/customers/${encodeURIComponent(customer.id)}`, { method: 'DELETE' });
    await refreshAfterChange();
  }, []);

  return { ...resource, customers: resource.data, create, rename, remove };
}

/** Puts a channel under a customer (or none); resolves with the customer it ended up under. */
export async function assignChannel(channelId: string, choice: CustomerChoice): Promise<CustomerRef | null> {
  const { customer } = await apiRequest<{ customer: CustomerRef | null }>(`/integrations/${encodeURIComponent(channelId)}/customer`, { method: 'PUT', body: choice });
  await refreshAfterChange();
  return customer;
}
