import type { PlanningRepository } from '@herald/database';
import { type ChannelSlots, MAX_SLOTS_PER_CHANNEL, type NextSlot, normalizeSlots, SLOT_TIME } from '@herald/shared';
import { AppError } from '../common/app-error';
import { isUuid } from '../posts/ids';
import { FIND_SLOT_HORIZON_DAYS } from '../public-api/find-slot';
import { effectiveSlots } from './channel-slots';
import { findFreeSlot, isZoneName, minuteOf } from './zoned-time';

/** At most this many channels in one next-slot question. */
const MAX_CHANNELS = 50;

/**
 * Each channel's posting times (wall-clock `HH:mm` in its zone) and the queue they make: "Add to queue" takes the
 * first posting time, of any of the post's channels, at which none of them has a post yet.
 */
export class PostingSlots {
  constructor(
    private readonly repo: PlanningRepository,
    private readonly now: () => Date,
  ) {}

  async get(organizationId: string, integrationId: string): Promise<ChannelSlots> {
    const [channel] = isUuid(integrationId) ? await this.repo.findChannels(organizationId, [integrationId]) : [];
    if (!channel) throw AppError.notFound('Channel');
    const { slots, zone, custom } = effectiveSlots(channel);
    return { timezone: zone, slots, custom };
  }

  /** `timezone` defaults to the channel's own, else the person's. */
  async set(organizationId: string, integrationId: string, input: { slots?: unknown; timezone?: unknown }, userZone: string): Promise<ChannelSlots> {
    const slots = input.slots;
    if (!Array.isArray(slots) || slots.length === 0 || slots.length > MAX_SLOTS_PER_CHANNEL || !slots.every((s): s is string => typeof s === 'string' && SLOT_TIME.test(s))) {
      throw AppError.validation('The posting times are invalid.', [
        { field: 'slots', code: 'slots', message: `slots must be a list of 1 to ${MAX_SLOTS_PER_CHANNEL} times written HH:mm (24-hour), e.g. ["09:00", "13:30"]` },
      ]);
    }
    if (input.timezone !== undefined && !isZoneName(input.timezone)) {
      throw AppError.validation('The time zone is invalid.', [{ field: 'timezone', code: 'timezone', message: 'timezone must be an IANA time zone such as Europe/Paris' }]);
    }
    const [channel] = isUuid(integrationId) ? await this.repo.findChannels(organizationId, [integrationId]) : [];
    if (!channel) throw AppError.notFound('Channel');
    const timezone = typeof input.timezone === 'string' ? input.timezone : (channel.timezone ?? userZone);
    const normalized = normalizeSlots(slots);
    await this.repo.setSlots(organizationId, integrationId, normalized, timezone);
    return { timezone, slots: normalized, custom: true };
  }

  /** GET /posts/next-slot?integrations=a,b: the first future posting time free on all of them. */
  async next(organizationId: string, rawIds: unknown): Promise<NextSlot> {
    const ids = typeof rawIds === 'string' ? [...new Set(rawIds.split(',').map((id) => id.trim()).filter((id) => id !== ''))] : [];
    if (ids.length === 0 || ids.length > MAX_CHANNELS) {
      throw AppError.validation('Say which channels.', [{ field: 'integrations', code: 'integrations', message: `integrations must list 1 to ${MAX_CHANNELS} channel ids, separated by commas` }]);
    }
    const channels = ids.every(isUuid) ? await this.repo.findChannels(organizationId, ids) : [];
    if (channels.length !== ids.length) throw AppError.notFound('Channel');
    const found = await findFreeSlot({
      now: this.now(),
      channels: channels.map((c) => effectiveSlots(c)).map(({ slots, zone }) => ({ slots, zone })),
      horizonDays: FIND_SLOT_HORIZON_DAYS,
      taken: async (from, to) => new Set((await this.repo.takenDates(organizationId, ids, from, to)).map(minuteOf)),
    });
    if (!found) throw AppError.conflict('no_free_slot', 'Every posting time of these channels is taken for the coming year.');
    return { date: found.toISOString() };
  }
}
