import path from 'node:path';
import type { NextConfig } from 'next';

const root = path.join(__dirname, '..', '..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The workspace root holds the lockfile and @herald/shared; pinning it keeps builds deterministic.
  turbopack: {
    root,
    // twitter-text's ESM build only has a default export, while @herald/shared imports `parseTweet` by name
    // (which its CommonJS build serves). The dashboard depends on the same version so that the alias applies.
    resolveAlias: { 'twitter-text': 'twitter-text/dist/index.js' },
  },
  outputFileTracingRoot: root,
  transpilePackages: ['@herald/shared'],
};

export default config;
