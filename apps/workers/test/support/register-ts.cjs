// Runs Herald's TypeScript sources in a plain `node` process (worker processes in tests, the bench), the way jest
// does: SWC transforms each file, and `@herald/<lib>` resolves to libraries/<lib>/src. No build step, no new deps.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc.json'), 'utf8'));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const lib = /^@herald\/([a-z-]+)$/.exec(request);
  if (lib) return resolve.call(this, path.join(root, 'libraries', lib[1], 'src', 'index.ts'), parent, ...rest);
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
