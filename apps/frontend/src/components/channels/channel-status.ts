import type { Channel } from '../../lib/api-types';
import type { BadgeTone } from '../ui/badge';

export interface ChannelStatus {
  label: string;
  tone: BadgeTone;
}

/** One status per channel, the most urgent first: what the person needs to act on. */
export function channelStatus(channel: Channel): ChannelStatus {
  if (channel.inBetweenSteps) return { label: 'Setup incomplete', tone: 'warning' };
  if (channel.refreshNeeded) return { label: 'Refresh needed', tone: 'danger' };
  if (channel.disabled) return { label: 'Disabled', tone: 'neutral' };
  return { label: 'Active', tone: 'success' };
}
