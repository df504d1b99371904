// JSON Schemas of the public API's bodies (docs/public-api.md), referenced by openapi.document.ts.

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const SCHEMAS: Record<string, Record<string, unknown>> = {
  ErrorMsg: { type: 'object', description: 'Family A', properties: { msg: str }, required: ['msg'] },
  ErrorNest: { type: 'object', description: 'Family B', properties: { message: str, error: str, statusCode: { type: 'integer' } }, required: ['message', 'error', 'statusCode'] },
  ErrorValidation: {
    type: 'object',
    description: 'Family C',
    properties: { message: { type: 'array', items: str }, error: { const: 'Bad Request' }, statusCode: { const: 400 } },
    required: ['message', 'error', 'statusCode'],
  },
  ErrorPost: {
    type: 'object',
    description: 'Family D: one channel refused the post (name is the channel display name)',
    properties: { statusCode: { const: 400 }, provider: str, name: str, message: str },
    required: ['statusCode', 'provider', 'name', 'message'],
  },
  ErrorThrottled: { type: 'object', properties: { statusCode: { const: 429 }, message: { const: 'ThrottlerException: Too Many Requests' } }, required: ['statusCode', 'message'] },
  ErrorInternal: { type: 'object', properties: { statusCode: { const: 500 }, message: { const: 'Internal server error' } }, required: ['statusCode', 'message'] },
  Integration: {
    type: 'object',
    properties: {
      id: str,
      name: str,
      identifier: { type: 'string', enum: ['x', 'instagram', 'instagram-standalone', 'facebook'] },
      picture: nullableStr,
      disabled: { type: 'boolean' },
      profile: nullableStr,
      customer: { type: 'object', description: 'Only when the channel is under a customer', properties: { id: str, name: str }, required: ['id', 'name'] },
    },
    required: ['id', 'name', 'identifier', 'picture', 'disabled', 'profile'],
  },
  DeletedIntegration: { allOf: [ref('Integration'), { type: 'object', properties: { deletedAt: dateTime }, required: ['deletedAt'] }] },
  Group: { type: 'object', properties: { id: str, name: str }, required: ['id', 'name'] },
  IntegrationSettings: {
    type: 'object',
    properties: {
      output: {
        type: 'object',
        properties: { rules: str, maxLength: { type: 'integer' }, settings: { type: 'object', description: 'JSON Schema of posts[].settings' }, tools: { type: 'array', items: { type: 'object' } } },
        required: ['rules', 'maxLength', 'settings', 'tools'],
      },
    },
    required: ['output'],
  },
  Slot: {
    type: 'object',
    properties: { date: { type: 'string', description: 'UTC wall-clock time without zone, YYYY-MM-DDTHH:mm:00', example: '2025-03-11T06:40:00' } },
    required: ['date'],
  },
  Media: { type: 'object', properties: { id: str, path: { type: 'string', format: 'uri' }, alt: str, thumbnail: str }, required: ['id', 'path'] },
  PostValue: {
    type: 'object',
    properties: {
      content: {
        type: 'string',
        description: 'Plain text or HTML. Stored sanitized (p, br, strong, u, a, ul, li, h1–h3, span; http(s), mailto and relative links), so a plain & comes back as &amp;; platforms receive the plain text.',
      },
      image: { type: 'array', items: ref('Media') },
      id: { type: 'string', description: 'An existing post to edit in place; "" is absent' }, delay: { type: 'number', description: 'Minutes after the previous value' } },
    required: ['content'],
  },
  CreatePostBody: {
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['draft', 'schedule', 'now', 'update'], description: 'Missing or unknown reads as schedule' },
      date: { type: 'string', description: 'ISO 8601; offset-less is UTC' },
      shortLink: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'object', properties: { value: str, label: str } } },
      posts: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            integration: { type: 'object', properties: { id: str }, required: ['id'] },
            value: { type: 'array', minItems: 1, items: ref('PostValue') },
            group: { type: 'string', description: 'A group to replace; "" is absent' },
            settings: { type: 'object', description: 'Provider settings (see /integration-settings/:id); __type is set by the server' },
          },
          required: ['integration', 'value'],
        },
      },
      republish: { type: 'boolean' },
      inter: {
        type: 'integer',
        minimum: 1,
        maximum: 365,
        description: "Repeat every N days: once published, the post is planned again N days later at the same wall-clock time in its channel's zone (the posting times' zone, UTC by default), with the same content, media, settings and tags",
      },
    },
    required: ['date', 'posts'],
  },
  CreatePostResult: { type: 'array', items: { type: 'object', properties: { postId: str, integration: str }, required: ['postId', 'integration'] } },
  PostListItem: {
    type: 'object',
    properties: {
      id: str,
      content: str,
      publishDate: dateTime,
      releaseURL: nullableStr,
      releaseId: nullableStr,
      state: { type: 'string', enum: ['QUEUE', 'PUBLISHED', 'ERROR', 'DRAFT'] },
      intervalInDays: { type: ['number', 'null'], description: 'Repeat every N days (the `inter` it was made with); each occurrence is a post of its own, planned when the one before is published' },
      group: str,
      creationMethod: str,
      settings: { type: ['string', 'null'], description: 'JSON-encoded provider settings' },
      tags: { type: 'array', items: { type: 'object' } },
      integration: { type: 'object', properties: { id: str, providerIdentifier: str, name: str, picture: nullableStr }, required: ['id', 'providerIdentifier', 'name', 'picture'] },
    },
    required: ['id', 'content', 'publishDate', 'releaseURL', 'releaseId', 'state', 'intervalInDays', 'group', 'creationMethod', 'settings', 'tags', 'integration'],
  },
  PostList: { type: 'object', properties: { posts: { type: 'array', items: ref('PostListItem') } }, required: ['posts'] },
  ThreadValue: {
    type: 'object',
    properties: { id: str, content: str, image: { type: 'array', items: ref('Media') }, delay: { type: 'number' }, state: str, publishDate: dateTime, releaseURL: nullableStr, releaseId: nullableStr, error: nullableStr },
  },
  Post: {
    type: 'object',
    description: 'Herald: one post with its state, error and release',
    properties: {
      id: str,
      group: str,
      state: { type: 'string', enum: ['DRAFT', 'QUEUE', 'PUBLISHING', 'PUBLISHED', 'ERROR', 'UNCONFIRMED', 'CANCELLED'] },
      publicState: { type: 'string', enum: ['QUEUE', 'PUBLISHED', 'ERROR', 'DRAFT'] },
      publishDate: dateTime,
      content: str,
      image: { type: 'array', items: ref('Media') },
      settings: { type: 'object' },
      error: nullableStr,
      releaseURL: nullableStr,
      releaseId: nullableStr,
      parentPostId: nullableStr,
      integration: { type: 'object', properties: { id: str, providerIdentifier: str, name: str, picture: nullableStr } },
      thread: { type: 'array', items: ref('ThreadValue') },
    },
    required: ['id', 'group', 'state', 'publicState', 'publishDate', 'content', 'error', 'releaseURL', 'releaseId', 'integration', 'thread'],
  },
  EditPostBody: {
    type: 'object',
    description: 'Herald: at least one field. Only QUEUE (not yet due) and DRAFT root posts can be edited.',
    properties: { content: str, image: { type: 'array', items: ref('Media') }, date: { type: 'string', description: 'ISO 8601: moves the post and its thread' } },
  },
  DeleteResult: { type: 'object', properties: { error: { const: true } }, required: ['error'], description: "Postiz's success body" },
  StatusBody: { type: 'object', properties: { status: { type: 'string', enum: ['draft', 'schedule'] } }, required: ['status'] },
  StatusResult: { type: 'object', properties: { id: str, state: { type: 'string', enum: ['DRAFT', 'QUEUE'] } }, required: ['id', 'state'] },
  SettingsBody: { type: 'object', properties: { settings: { type: 'object' } }, required: ['settings'] },
  SettingsResult: { type: 'object', properties: { postId: str, publishDate: { type: 'string', description: 'YYYY-MM-DDTHH:mm:ss, UTC without zone' } }, required: ['postId', 'publishDate'] },
  ReleaseIdBody: { type: 'object', properties: { releaseId: str } },
  MissingItem: { type: 'object', properties: { id: str, url: str } },
  Upload: {
    type: 'object',
    properties: { id: str, name: { type: 'string', description: 'Stored file name' }, originalName: { type: 'null' }, path: { type: 'string', format: 'uri' }, thumbnail: { type: 'null' }, alt: { type: 'null' } },
    required: ['id', 'name', 'originalName', 'path', 'thumbnail', 'alt'],
  },
  UploadFromUrlBody: { type: 'object', properties: { url: { type: 'string', format: 'uri', description: 'https, public address, ending in .png .jpg .jpeg .gif .webp or .mp4' } }, required: ['url'] },
  MediaPage: {
    type: 'object',
    properties: {
      pages: { type: 'integer' },
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: str, name: str, originalName: nullableStr, path: str, thumbnail: { type: 'null' }, alt: { type: 'null' }, thumbnailTimestamp: { type: 'null' }, type: { enum: ['image', 'video'] }, fileSize: { type: 'integer' }, createdAt: dateTime },
        },
      },
    },
    required: ['pages', 'results'],
  },
  Analytics: { type: 'array', items: { type: 'object', properties: { label: str, data: { type: 'array', items: { type: 'object' } }, percentageChange: { type: 'number' } } } },
  PostAnalytics: { oneOf: [ref('Analytics'), { type: 'object', properties: { missing: { const: true } }, required: ['missing'] }] },
  Notifications: {
    type: 'object',
    properties: {
      notifications: { type: 'array', items: { type: 'object', properties: { id: str, content: str, link: nullableStr, createdAt: dateTime } } },
      total: { type: 'integer' },
      page: { type: 'integer' },
      limit: { type: 'integer' },
      hasMore: { type: 'boolean' },
    },
    required: ['notifications', 'total', 'page', 'limit', 'hasMore'],
  },
  Connected: { type: 'object', properties: { connected: { const: true } }, required: ['connected'] },
  ConnectUrl: { type: 'object', properties: { url: str }, required: ['url'] },
  TriggerBody: { type: 'object', properties: { methodName: str, data: { type: 'object', additionalProperties: str } }, required: ['methodName'] },
};
