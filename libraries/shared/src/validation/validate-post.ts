import { type PlatformIdentifier } from '../catalogue/platforms';
import { validateFacebookPost } from './facebook.rules';
import { validateInstagramPost } from './instagram.rules';
import { type PlatformPostInput, type PostIssue, type ValidatePostOptions } from './post-issue';
import { type RuleIssue } from './rule-helpers';
import { validateXPost } from './x.rules';

function rulesFor(identifier: PlatformIdentifier, input: PlatformPostInput, options: ValidatePostOptions): RuleIssue[] {
  switch (identifier) {
    case 'x':
      return validateXPost(input, options);
    case 'instagram':
    case 'instagram-standalone':
      return validateInstagramPost(input);
    case 'facebook':
      return validateFacebookPost(input);
  }
}

/**
 * Checks one channel's content against its platform's rules. The same function runs in the composer (live
 * feedback) and on the server before anything is queued, so both always agree. An empty list means publishable.
 */
export function validatePostForPlatform(
  identifier: PlatformIdentifier,
  input: PlatformPostInput,
  options: ValidatePostOptions = {},
): PostIssue[] {
  const prefix = options.fieldPrefix ? `${options.fieldPrefix}.` : '';
  return rulesFor(identifier, input, options).map((found) => {
    const shaped: PostIssue = { field: `${prefix}${found.field}`, code: found.code, message: found.message };
    return options.channel === undefined ? shaped : { channel: options.channel, ...shaped };
  });
}
