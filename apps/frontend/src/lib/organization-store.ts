// The organization the person chose, sent as the `showorg` header. Kept in localStorage so a reload keeps it.
const STORAGE_KEY = 'herald.organizationId';
const listeners = new Set<() => void>();
let current: string | null | undefined;

function read(): string | null {
  if (current !== undefined) return current;
  if (typeof window === 'undefined') return null;
  try {
    current = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    current = null;
  }
  return current;
}

export function getOrganizationId(): string | null {
  return read();
}

export function setOrganizationId(id: string | null): void {
  if (read() === id) return;
  current = id;
  try {
    if (id) window.localStorage.setItem(STORAGE_KEY, id);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode may refuse storage; the choice then lasts for this tab only.
  }
  listeners.forEach((listener) => listener());
}

export function subscribeOrganization(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** On the server and while hydrating the choice is unknown (`undefined`), not "none" (`null`). */
export function getServerOrganizationId(): undefined {
  return undefined;
}
