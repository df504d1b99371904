import { avatarUrl, type SandboxContext } from '../context';
import { jsonReply } from '../core/http-types';
import { followersAt } from '../core/metrics';
import { type Router } from '../core/router';
import { type Persona } from '../personas/personas';
import { authenticateXUser } from './x-auth';
import { v2InvalidRequest, v2NotFound } from './x-errors';
import { xRateLimit } from './x-limits';
import { fieldList } from './x-tweet-fields';

export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id', 'is_identity_verified',
  'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected',
  'public_metrics', 'receives_your_dm', 'subscription', 'subscription_type', 'url', 'username', 'verified', 'verified_followers_count',
  'verified_type', 'withheld',
];

function userFields(ctx: SandboxContext, persona: Persona, fields: string[]): Record<string, unknown> {
  const x = persona.x;
  const all: Record<string, unknown> = {
    created_at: x.createdAt,
    description: x.description,
    profile_image_url: avatarUrl(ctx, 'x', `${x.id}_normal`),
    protected: false,
    public_metrics: { followers_count: followersAt(x.id, x.followers, ctx.clock.now()), following_count: 42, tweet_count: ctx.x.tweetsBy(x.id).length, listed_count: 0, like_count: 0, media_count: 0 },
    url: '',
    // Premium and PremiumPlus carry the blue check; Basic does not.
    verified: x.subscriptionType === 'Premium' || x.subscriptionType === 'PremiumPlus',
    verified_type: x.subscriptionType === 'Premium' || x.subscriptionType === 'PremiumPlus' ? 'blue' : 'none',
    subscription_type: x.subscriptionType,
  };
  const out: Record<string, unknown> = { id: x.id, name: x.name, username: x.username };
  for (const f of fields) if (f in all) out[f] = all[f];
  return out;
}

export function registerXUserRoutes(router: Router, ctx: SandboxContext): void {
  router.get('/2/users/me', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'users.me', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const fields = fieldList(req.query.get('user.fields'));
    const bad = fields.filter((f) => !USER_FIELDS.includes(f));
    if (bad.length) {
      return v2InvalidRequest([{ message: `The \`user.fields\` query parameter value [${bad.join(',')}] is not one of [${USER_FIELDS.join(',')}]`, parameters: { 'user.fields': [bad.join(',')] } }], limit.headers);
    }
    const persona = ctx.personas.byXUserId(auth.access.userId);
    if (!persona) return v2NotFound('user', 'id', auth.access.userId);
    return jsonReply(200, { data: userFields(ctx, persona, fields) }, limit.headers);
  });

  router.get('/1.1/account/verify_credentials.json', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const persona = ctx.personas.byXUserId(auth.access.userId);
    if (!persona) return jsonReply(401, { errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    const x = persona.x;
    return jsonReply(200, {
      id: Number(x.id),
      id_str: x.id,
      name: x.name,
      screen_name: x.username,
      description: x.description,
      followers_count: x.followers,
      created_at: new Date(x.createdAt).toUTCString(),
      profile_image_url_https: avatarUrl(ctx, 'x', `${x.id}_normal`),
      verified: false,
    });
  });
}
