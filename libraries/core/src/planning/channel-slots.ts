import { DEFAULT_SLOT_ZONE, DEFAULT_SLOTS } from '@herald/shared';

/** The posting times a channel uses: its own, or Postiz's defaults (02:00, 06:40, 11:40 UTC) while it has none. */
export function effectiveSlots(channel: { slots: readonly string[] | null; timezone: string | null }): { slots: string[]; zone: string; custom: boolean } {
  const custom = (channel.slots?.length ?? 0) > 0;
  return {
    slots: custom ? [...(channel.slots ?? [])] : [...DEFAULT_SLOTS],
    zone: channel.timezone ?? DEFAULT_SLOT_ZONE,
    custom,
  };
}

/** The zone a channel's recurring posts repeat in (its posting times' zone). */
export function channelZone(channel: { timezone: string | null }): string {
  return channel.timezone ?? DEFAULT_SLOT_ZONE;
}
