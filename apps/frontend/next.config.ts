import path from 'node:path';
import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The workspace root holds the lockfile and @herald/shared; pinning it keeps builds deterministic.
  turbopack: { root: path.join(__dirname, '..', '..') },
  outputFileTracingRoot: path.join(__dirname, '..', '..'),
  transpilePackages: ['@herald/shared'],
};

export default config;
