import { SCHEMAS } from './openapi.schemas';

type Method = 'get' | 'post' | 'put' | 'delete';

/** One public route: the table the OpenAPI document is built from (and that the e2e tests check it against). */
export interface PublicRoute {
  method: Method;
  /** OpenAPI form, e.g. `/posts/{id}`. */
  path: string;
  summary: string;
  tag: 'Channels' | 'Posts' | 'Media' | 'Other';
  query?: { name: string; required?: boolean; description: string }[];
  /** A schema name, or `multipart` for a file upload. */
  body?: string;
  /** Status → schema name. */
  responses: Record<number, string>;
  /** Herald additions that Postiz does not have. */
  herald?: boolean;
  /** Unauthenticated (documentation). */
  open?: boolean;
}

const AUTH_ERRORS = { 401: 'ErrorMsg', 429: 'ErrorThrottled' };

export const PUBLIC_ROUTES: PublicRoute[] = [
  { method: 'get', path: '/is-connected', tag: 'Other', summary: 'Checks the API key', responses: { 200: 'Connected' } },
  { method: 'get', path: '/integrations', tag: 'Channels', summary: 'Lists the connected channels', query: [{ name: 'group', description: 'A customer id: only its channels' }], responses: { 200: 'Integration[]' } },
  { method: 'get', path: '/groups', tag: 'Channels', summary: 'Lists the customers (groups of channels)', responses: { 200: 'Group[]' } },
  { method: 'get', path: '/integration-settings/{id}', tag: 'Channels', summary: 'What a channel accepts: rules, max length, settings schema, tools', responses: { 200: 'IntegrationSettings', 404: 'ErrorMsg' } },
  { method: 'post', path: '/integration-trigger/{id}', tag: 'Channels', summary: "Runs a provider tool (Herald's providers declare none)", body: 'TriggerBody', responses: { 201: 'object', 404: 'ErrorMsg' } },
  { method: 'get', path: '/find-slot/{id}', tag: 'Channels', summary: "The next free posting time of a channel: its own posting times (set in the dashboard, in the channel's zone), else 02:00, 06:40 and 11:40 UTC; a time is free when no post of the organization is at that minute", responses: { 200: 'Slot', 404: 'ErrorMsg' } },
  { method: 'delete', path: '/integrations/{id}', tag: 'Channels', summary: 'Deletes a channel (its queued posts are cancelled)', responses: { 200: 'DeletedIntegration', 404: 'ErrorMsg' } },
  {
    method: 'get',
    path: '/social/{integration}',
    tag: 'Channels',
    summary: "Starts connecting a channel; the organization's owner finishes it in the dashboard",
    query: [{ name: 'refresh', description: 'A channel id to reconnect' }],
    responses: { 200: 'ConnectUrl', 400: 'ErrorMsg' },
  },
  {
    method: 'get',
    path: '/posts',
    tag: 'Posts',
    summary: 'Lists posts in a date range',
    query: [
      { name: 'startDate', required: true, description: 'ISO 8601' },
      { name: 'endDate', required: true, description: 'ISO 8601' },
      { name: 'customer', description: 'Customer id' },
    ],
    responses: { 200: 'PostList', 400: 'ErrorValidation' },
  },
  {
    method: 'post',
    path: '/posts',
    tag: 'Posts',
    summary: 'Creates or schedules posts (rate limited: API_LIMIT per hour per organization)',
    body: 'CreatePostBody',
    responses: { 201: 'CreatePostResult', 400: 'ErrorValidation', 429: 'ErrorThrottled' },
  },
  { method: 'get', path: '/posts/{id}', tag: 'Posts', summary: 'One post with its state, error and release URL', herald: true, responses: { 200: 'Post', 404: 'ErrorNest' } },
  {
    method: 'put',
    path: '/posts/{id}',
    tag: 'Posts',
    summary: "Edits a scheduled post's content, media and/or date",
    herald: true,
    body: 'EditPostBody',
    responses: { 200: 'Post', 400: 'ErrorNest', 404: 'ErrorNest' },
  },
  { method: 'delete', path: '/posts/{id}', tag: 'Posts', summary: "Deletes a post's group", responses: { 200: 'DeleteResult', 404: 'ErrorNest' } },
  { method: 'delete', path: '/posts/group/{group}', tag: 'Posts', summary: 'Deletes a group', responses: { 200: 'DeleteResult' } },
  { method: 'put', path: '/posts/{id}/status', tag: 'Posts', summary: 'Moves a post between draft and scheduled', body: 'StatusBody', responses: { 200: 'StatusResult', 400: 'ErrorNest' } },
  { method: 'put', path: '/posts/{id}/settings', tag: 'Posts', summary: "Merges provider settings into an unpublished post", body: 'SettingsBody', responses: { 200: 'SettingsResult', 400: 'ErrorNest', 404: 'ErrorNest' } },
  { method: 'put', path: '/posts/{id}/release-id', tag: 'Posts', summary: 'Connects a post published without an id (never needed in Herald)', body: 'ReleaseIdBody', responses: { 400: 'ErrorNest', 404: 'ErrorNest' } },
  { method: 'get', path: '/posts/{id}/missing', tag: 'Posts', summary: 'Candidate platform items for a post without a release id', responses: { 200: 'MissingItem[]' } },
  { method: 'post', path: '/upload', tag: 'Media', summary: 'Uploads a file (multipart field "file"), recognised by content', body: 'multipart', responses: { 201: 'Upload', 400: 'ErrorNest' } },
  { method: 'post', path: '/upload-from-url', tag: 'Media', summary: 'Fetches a file from a public HTTPS URL', body: 'UploadFromUrlBody', responses: { 201: 'Upload', 400: 'ErrorMsg' } },
  { method: 'get', path: '/media', tag: 'Media', summary: 'Lists the media library, newest first, 18 a page', query: [{ name: 'page', description: '1-based' }, { name: 'search', description: 'In the original name' }], responses: { 200: 'MediaPage' } },
  { method: 'get', path: '/analytics/{integration}', tag: 'Other', summary: 'Channel analytics: its figures per day over `date` days', query: [{ name: 'date', description: 'Days to look back' }], responses: { 200: 'Analytics', 404: 'ErrorMsg' } },
  { method: 'get', path: '/analytics/post/{postId}', tag: 'Other', summary: 'Post analytics', query: [{ name: 'date', description: 'Days to look back' }], responses: { 200: 'PostAnalytics' } },
  { method: 'get', path: '/notifications', tag: 'Other', summary: 'Notifications, newest first, 100 a page', query: [{ name: 'page', description: '0-based' }], responses: { 200: 'Notifications', 400: 'ErrorValidation' } },
  { method: 'get', path: '/openapi.json', tag: 'Other', summary: 'This document', open: true, herald: true, responses: { 200: 'object' } },
  { method: 'get', path: '/docs', tag: 'Other', summary: 'This document as a page', open: true, herald: true, responses: { 200: 'html' } },
];

function schemaOf(name: string): Record<string, unknown> {
  if (name === 'object') return { type: 'object' };
  if (name === 'html') return { type: 'string' };
  if (name.endsWith('[]')) return { type: 'array', items: schemaOf(name.slice(0, -2)) };
  return { $ref: `#/components/schemas/${name}` };
}

function operation(route: PublicRoute): Record<string, unknown> {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams = (route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: { type: 'string' } }));
  const responses = Object.fromEntries(
    Object.entries({ ...route.responses, ...(route.open ? {} : AUTH_ERRORS) }).map(([status, name]) => [
      status,
      { description: status.startsWith('2') ? 'OK' : 'Error', content: { [name === 'html' ? 'text/html' : 'application/json']: { schema: schemaOf(name) } } },
    ]),
  );
  const body =
    route.body === 'multipart'
      ? { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } }
      : route.body
        ? { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } }
        : undefined;
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
    ...(route.open ? { security: [] } : {}),
    ...(route.herald ? { 'x-herald': true } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of /public/v1, built from PUBLIC_ROUTES. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of PUBLIC_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Herald public API',
      version: '1.0.0',
      description:
        "Wire-compatible with Postiz's public API v1: existing clients (the @postiz/node SDK, the postiz CLI, the n8n node) work when pointed at this server. " +
        'Authenticate with the organization API key in the Authorization header, raw or as "Bearer <key>". Errors come in Postiz\'s four body families.',
    },
    servers: [{ url: `${serverUrl.replace(/\/+$/, '')}/public/v1` }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      schemas: SCHEMAS,
    },
  };
}
