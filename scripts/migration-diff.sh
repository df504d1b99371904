#!/usr/bin/env bash
# Writes the SQL that takes the database from one version of prisma/schema.prisma to another, offline.
# Usage: scripts/migration-diff.sh <from-schema-file|empty> [to-schema-file] > prisma/migrations/<ts>_<name>/migration.sql
#   e.g. git show HEAD:prisma/schema.prisma > /tmp/old.prisma && scripts/migration-diff.sh /tmp/old.prisma
# It uses Prisma 6.19's CLI (from the npm registry, in a scratch folder): Prisma 7's migrate needs a native engine.
set -euo pipefail
from=${1:?from schema file or "empty"}
to=${2:-prisma/schema.prisma}
work=${HERALD_PRISMA6_DIR:-/tmp/herald-prisma6}
mkdir -p "$work"
if [ ! -d "$work/node_modules/@prisma/adapter-pg" ]; then
  (cd "$work" && echo '{"private":true}' > package.json && npm i -E --silent prisma@6.19.3 @prisma/adapter-pg@6.19.3 pg@8.23.1 >/dev/null)
fi
# The JS schema engine runs over a driver adapter: it needs any reachable Postgres (nothing is written to it).
cat > "$work/prisma.config.ts" <<'TS'
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'to.prisma',
  adapter: async () => new PrismaPg({ connectionString: process.env.HERALD_DIFF_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }),
});
TS
prep() { # Prisma 6 wants a url and knows no `moduleFormat`/`runtime` generator options
  sed -e '/moduleFormat/d' -e '/^  runtime /d' -e 's|provider = "postgresql"|provider = "postgresql"\n  url = "postgres://unused@localhost/unused"|' "$1" > "$2"
}
if [ "$from" = empty ]; then printf 'datasource db {\n  provider = "postgresql"\n  url = "postgres://unused@localhost/unused"\n}\n' > "$work/from.prisma"; else prep "$from" "$work/from.prisma"; fi
prep "$to" "$work/to.prisma"
cd "$work"
PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 \
  ./node_modules/.bin/prisma migrate diff --from-schema-datamodel from.prisma --to-schema-datamodel to.prisma --script 2>/dev/null | grep -v '^Loaded Prisma config'
