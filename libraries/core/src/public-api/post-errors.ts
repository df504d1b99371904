import type { PostChannel } from '@herald/database';
import { POST_ISSUE_CODES, POSTIZ_COMPAT_MESSAGES, type PostIssueCode } from '@herald/shared';
import { AppError, type ErrorDetail } from '../common/app-error';
import { PublicApiError } from './public-api-error';

function isPostIssueCode(code: string | undefined): code is PostIssueCode {
  return code !== undefined && (POST_ISSUE_CODES as readonly string[]).includes(code);
}

const isChannelProblem = (d: ErrorDetail) => d.code?.startsWith('channel_') === true;

/** Messages of a validation error, as class-validator would list them (family C). */
export function validationMessages(error: AppError): string[] {
  const details = error.details ?? [];
  return details.length > 0 ? details.map((d) => d.message) : [error.message];
}

/**
 * A failed POST /posts in Postiz's families (§3.2.2): body problems are family C (all messages), an unknown
 * channel family B, and a channel's content or settings family D (the first one, with the channel's name).
 */
export function toPostizCreateError(error: unknown, channels: ReadonlyMap<string, Pick<PostChannel, 'name' | 'providerIdentifier'>>): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'validation_failed' && error.details && error.details.length > 0) {
    const details = error.details;
    const bodyIssues = details.filter((d) => !isPostIssueCode(d.code) && !isChannelProblem(d));
    if (bodyIssues.length > 0) return PublicApiError.validation(bodyIssues.map((d) => d.message));
    const first = details.find(isChannelProblem) ?? details[0];
    if (!first) return PublicApiError.validation([error.message]);
    if (first.code === 'channel_not_found') return PublicApiError.nest(400, `Integration with id ${first.channel ?? ''} not found`);
    const channel = first.channel ? channels.get(first.channel) : undefined;
    const message = (isPostIssueCode(first.code) ? POSTIZ_COMPAT_MESSAGES[first.code] : undefined) ?? first.message;
    return PublicApiError.post(channel?.providerIdentifier ?? '', channel?.name ?? '', message);
  }
  if (error.code === 'post_already_published') return PublicApiError.nest(400, error.message);
  // Herald's own refusal keeps its code (the exception filter adds it to Nest's body).
  if (error.code === 'media_not_uploaded') return error;
  return PublicApiError.nest(error.status, error.message);
}

/**
 * An edit refused by the post rules, in the family-B form of PUT /posts/:id/settings: `"<channel name>: <text>"`.
 */
export function toPostizEditError(error: unknown, channelName: string): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'validation_failed') {
    const first = error.details?.find((d) => isPostIssueCode(d.code) || isChannelProblem(d)) ?? error.details?.[0];
    return PublicApiError.nest(400, `${channelName}: ${first?.message ?? error.message}`);
  }
  return PublicApiError.nest(error.status === 409 ? 400 : error.status, error.message);
}
