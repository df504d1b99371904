// The publishing use cases' medium specs (*.medium.spec.ts): each use case built with the real repositories of
// @herald/database on a database of the spec's own, a fake provider in memory, no HTTP and no queue
// (docs/architecture.md, "The publishing room").
import { randomBytes, randomUUID } from 'node:crypto';
import { TokenCipher } from '@herald/crypto';
import { createDatabase, type Database, type Post, publishingRepositories, type PublishingRepositories, runMigrations } from '@herald/database';
import {
  type AuthorizationStart,
  type ChannelTokens,
  type CommentInput,
  type ConnectedChannel,
  type CredentialsCheck,
  type OutcomeQuery,
  PROVIDER_METADATA,
  ProviderRegistry,
  type PublishedPost,
  type PublishInput,
  type PublishOutcome,
  type SocialProvider,
} from '@herald/providers';
import pino from 'pino';
import { encryptChannelTokens } from '../../channels/channel-tokens';
import type { MediaStorage } from '../../posts/media/media-storage';
import { publishingOptions } from '../publishing.options';
import type { PublishingDeps } from '../publishing.ports';

/** What the fake platform answers to the next publish or comment: a post, an error thrown, or a call that decides. */
export type FakeAnswer = PublishedPost | Error | ((input: PublishInput) => Promise<PublishedPost>);

/** An X-like provider in memory: it records every call and answers from queues the spec fills. */
export class FakeProvider implements SocialProvider {
  readonly identifier = 'x' as const;
  readonly metadata = PROVIDER_METADATA.x;
  readonly findsReplies = true;
  readonly threadReplyTo = 'previous' as const;
  readonly published: PublishInput[] = [];
  readonly comments: CommentInput[] = [];
  readonly checks: OutcomeQuery[] = [];
  readonly refreshes: ChannelTokens[] = [];
  /** Answers to the next publish or comment calls, in order; once empty, a new post with an id of its own. */
  readonly answers: FakeAnswer[] = [];
  /** Answers to the next outcome checks, in order; once empty, `pending`. */
  readonly outcomes: PublishOutcome[] = [];
  /** What `refresh` returns (or throws); undefined: the tokens with a new access token. */
  refreshAnswer: ChannelTokens | Error | undefined;

  publish(input: PublishInput): Promise<PublishedPost> {
    this.published.push(input);
    return this.next(input);
  }

  comment(input: CommentInput): Promise<PublishedPost> {
    this.comments.push(input);
    return this.next(input);
  }

  checkOutcome(input: OutcomeQuery): Promise<PublishOutcome> {
    this.checks.push(input);
    return Promise.resolve(this.outcomes.shift() ?? { status: 'pending' });
  }

  refresh(tokens: ChannelTokens): Promise<ChannelTokens> {
    this.refreshes.push(tokens);
    const answer = this.refreshAnswer;
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer ?? { ...tokens, accessToken: `refreshed-${this.refreshes.length}` });
  }

  startAuthorization(): Promise<AuthorizationStart> {
    return Promise.reject(new Error('not used by the publishing engine'));
  }

  authenticate(): Promise<ConnectedChannel> {
    return Promise.reject(new Error('not used by the publishing engine'));
  }

  revoke(): Promise<void> {
    return Promise.reject(new Error('not used by the publishing engine'));
  }

  checkCredentials(): Promise<CredentialsCheck> {
    return Promise.reject(new Error('not used by the publishing engine'));
  }

  private next(input: PublishInput): Promise<PublishedPost> {
    const answer = this.answers.shift();
    if (answer instanceof Error) return Promise.reject(answer);
    if (typeof answer === 'function') return answer(input);
    const id = randomUUID();
    return Promise.resolve(answer ?? { id, url: `https://x.example/status/${id}` });
  }
}

/** The publish queue as the use cases see it, recording what they asked for. */
export class FakeJobs {
  readonly scheduled: { postId: string; organizationId: string; runAt: Date }[] = [];
  readonly ensured: { postId: string; organizationId: string; runAt: Date }[] = [];

  schedule(postId: string, organizationId: string, runAt: Date): Promise<void> {
    this.scheduled.push({ postId, organizationId, runAt });
    return Promise.resolve();
  }

  ensure(jobs: readonly { postId: string; organizationId: string; runAt: Date }[]): Promise<number> {
    this.ensured.push(...jobs);
    return Promise.resolve(jobs.length);
  }
}

/** Media storage that knows no file: posts of these specs carry no media. */
const NO_MEDIA: MediaStorage = {
  urlOf: (key) => `https://media.example/${key}`,
  keyOfUrl: () => undefined,
  read: () => Promise.reject(new Error('no media in the medium specs')),
  open: () => Promise.reject(new Error('no media in the medium specs')),
};

export interface PublishingMedium {
  db: Database;
  repositories: PublishingRepositories;
  cipher: TokenCipher;
  provider: FakeProvider;
  jobs: FakeJobs;
  /** The use cases' dependencies: the real repositories, the fake provider and queue, short waits. */
  deps(overrides?: Partial<PublishingDeps>): PublishingDeps;
  /** An organization with an X channel whose tokens are encrypted as a connection stores them. */
  channel(overrides?: Partial<{ disabled: boolean; refreshNeeded: boolean; publishBlockedUntil: Date; deletedAt: Date }>): Promise<Channel>;
  /** A post of the channel, QUEUE and due a second ago unless told otherwise. */
  post(channel: Channel, data?: Partial<Omit<Post, 'id' | 'organizationId' | 'integrationId'>>): Promise<Post>;
  /** The post's row as it is now. */
  row(id: string): Promise<Post>;
  close(): Promise<void>;
}

export interface Channel {
  organizationId: string;
  integrationId: string;
}

function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_test');
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(databaseUrl('postgres'), { max: 1 });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * A database of the spec's own (the sweep and the stale-lease pass read every organization's posts, so another
 * spec's rows must not be in it), migrated, with the publishing repositories on it.
 */
export async function startPublishingMedium(name: string): Promise<PublishingMedium> {
  const database = `herald_medium_${name}_${randomBytes(3).toString('hex')}`;
  await admin((db) => db.$executeRawUnsafe(`CREATE DATABASE "${database}"`));
  const url = databaseUrl(database);
  await runMigrations(url);
  const db = createDatabase(url, { max: 6 });
  const repositories = publishingRepositories(db);
  const cipher = new TokenCipher(randomBytes(32).toString('base64'));
  const provider = new FakeProvider();
  const jobs = new FakeJobs();
  return {
    db,
    repositories,
    cipher,
    provider,
    jobs,
    deps: (overrides = {}) => ({
      ...repositories,
      providers: new ProviderRegistry({ x: provider }),
      cipher,
      media: NO_MEDIA,
      jobs,
      logger: pino({ level: 'silent' }),
      // Retries and checks fall beyond the arming lead, so a run returns them rather than waiting for them in memory.
      options: publishingOptions({ leaseMs: 3_000 }),
      now: () => new Date(),
      ...overrides,
    }),
    channel: async (overrides = {}) => {
      const organization = await db.organization.create({ data: { name: `medium ${randomUUID().slice(0, 6)}` } });
      const internalId = randomUUID();
      const tokens = encryptChannelTokens({ accessToken: 'access', refreshToken: 'refresh' }, cipher, { organizationId: organization.id, providerIdentifier: 'x', internalId });
      const integration = await db.integration.create({
        data: { organizationId: organization.id, internalId, name: 'channel', providerIdentifier: 'x', profile: 'herald', ...tokens, ...overrides },
      });
      return { organizationId: organization.id, integrationId: integration.id };
    },
    post: (channel, data = {}) =>
      db.post.create({
        data: { ...channel, group: randomUUID(), content: '<p>hello</p>', publishDate: new Date(Date.now() - 1_000), ...data, settings: data.settings ?? undefined, image: data.image ?? undefined, outcomeHint: data.outcomeHint ?? undefined },
      }),
    row: (id) => db.post.findUniqueOrThrow({ where: { id } }),
    close: async () => {
      await db.$disconnect();
      await admin((a) => a.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    },
  };
}
