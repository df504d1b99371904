import axios from 'axios';
import { ProviderNotConfiguredError } from './contracts/provider-error';
import type { ProvidersConfig } from './contracts/provider-config';
import { createProviders, PLATFORM_DEFAULT_URLS } from './create-providers';

const base: ProvidersConfig = { frontendUrl: 'https://herald.example', graphVersion: 'v23.0', requestTimeoutMs: 1000 };

describe('createProviders', () => {
  it('builds only the configured providers; one Facebook app serves facebook and instagram', () => {
    const registry = createProviders(
      {
        ...base,
        facebook: { appId: '1', appSecret: 's', url: PLATFORM_DEFAULT_URLS.FACEBOOK_URL, graphUrl: PLATFORM_DEFAULT_URLS.FACEBOOK_GRAPH_URL },
      },
      { http: axios.create() },
    );

    expect(registry.configured().map((p) => p.identifier)).toEqual(['instagram', 'facebook']);
    expect(registry.get('x')).toBeUndefined();
    expect(registry.require('facebook').metadata.isBetweenSteps).toBe(true);
    expect(registry.catalogue()).toEqual([
      { identifier: 'x', name: 'X', configured: false, isBetweenSteps: false },
      { identifier: 'instagram', name: 'Instagram (Facebook Business)', configured: true, isBetweenSteps: true },
      { identifier: 'instagram-standalone', name: 'Instagram (Standalone)', configured: false, isBetweenSteps: false },
      { identifier: 'facebook', name: 'Facebook Page', configured: true, isBetweenSteps: true },
    ]);
  });

  it('names the env vars to set when an unconfigured provider is required', () => {
    const registry = createProviders(base, { http: axios.create() });
    expect(() => registry.require('x')).toThrow(ProviderNotConfiguredError);
    expect(() => registry.require('instagram-standalone')).toThrow('set INSTAGRAM_APP_ID, INSTAGRAM_APP_SECRET');
  });

  it('gives refresh only to the provider whose tokens expire, and pages only to in-between providers', () => {
    const registry = createProviders(
      {
        ...base,
        x: { apiKey: 'k', apiSecret: 's', apiUrl: PLATFORM_DEFAULT_URLS.X_API_URL, uploadUrl: PLATFORM_DEFAULT_URLS.X_UPLOAD_URL },
        instagramStandalone: { appId: '1', appSecret: 's', authorizeUrl: 'https://a', apiUrl: 'https://b', graphUrl: 'https://c' },
        facebook: { appId: '1', appSecret: 's', url: 'https://d', graphUrl: 'https://e' },
      },
      { http: axios.create() },
    );
    const capabilities = registry.configured().map((p) => [p.identifier, p.refresh !== undefined, p.pages !== undefined]);
    expect(capabilities).toEqual([
      ['x', false, false],
      ['instagram', false, true],
      ['instagram-standalone', true, false],
      ['facebook', false, true],
    ]);
    // What core asks instead of naming a platform: what a thread's reply answers, whether the outcome check sees
    // replies, whether there is a publishing quota, which image types the platform takes.
    const publishing = registry.configured().map((p) => [p.identifier, p.threadReplyTo ?? 'first', p.findsReplies === true, p.quota?.limit, p.metadata.imageTypes]);
    expect(publishing).toEqual([
      ['x', 'previous', true, undefined, undefined],
      ['instagram', 'first', false, 100, ['image/jpeg']],
      ['instagram-standalone', 'first', false, 100, ['image/jpeg']],
      ['facebook', 'first', false, undefined, undefined],
    ]);
  });
});
