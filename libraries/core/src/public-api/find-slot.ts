/** How far ahead a free slot is looked for; Postiz looks forever (and hangs), Herald answers within a year. */
export const FIND_SLOT_HORIZON_DAYS = 366;

/** `YYYY-MM-DDTHH:mm:00`: UTC wall-clock time without milliseconds or zone, as Postiz answers it. */
export function toPostizSlot(at: Date): string {
  return `${at.toISOString().slice(0, 16)}:00`;
}

/** `YYYY-MM-DDTHH:mm:ss`, UTC without zone (PUT /posts/:id/settings answers so). */
export function toPostizLocal(at: Date): string {
  return at.toISOString().slice(0, 19);
}
