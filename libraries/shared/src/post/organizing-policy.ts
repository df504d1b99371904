// Customers (groups of channels) and tags (labels for posts): the rules the API enforces and the dashboard's forms
// follow, in one place.

export const CUSTOMER_NAME_MAX = 100;
export const TAG_NAME_MAX = 50;

/** A tag's colour: `#rrggbb`. */
export const TAG_COLOR = /^#[0-9a-f]{6}$/i;

/** Given in turn to tags created without a colour (the n-th tag gets the n-th, round and round). */
export const TAG_PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'] as const;

/** The colour a new tag gets when none is chosen, given how many tags the organization has. */
export function nextTagColor(existingTags: number): string {
  return TAG_PALETTE[existingTags % TAG_PALETTE.length] ?? TAG_PALETTE[0];
}
