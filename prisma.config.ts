// Used by `prisma generate` only. Migrations are committed SQL applied by libraries/database/src/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
