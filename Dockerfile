# syntax=docker/dockerfile:1.7
# One image for every Herald app; the command picks which (see docker-compose.yml):
#   node apps/all-in-one/dist/main.js (API + workers + cron in one process, the `all-in-one` compose profile)
#   node apps/backend/dist/main.js | apps/workers/dist/main.js | apps/cron/dist/main.js | apps/sandbox/dist/main.js
#   (apps/frontend) node node_modules/next/dist/bin/next start -p 4200
# Build: docker build --build-arg NEXT_PUBLIC_BACKEND_URL=https://api.example.com -t herald:local .
# test/deploy/image-commands.mjs runs this file's build-stage RUN lines outside Docker, so keep them plain shell.

# A maintained Node LTS (Node 20's support ended in April 2026). The code also runs on Node 20.19+ (package.json
# engines), which the test machine has; bench/README.md has the idle memory on both.
ARG NODE_IMAGE=node:24.22-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true \
    NEXT_TELEMETRY_DISABLED=1 \
    PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH
# A compiler for native modules: argon2's prebuilt binary crashes on some CPUs, and its install step then builds it.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.9
WORKDIR /app
# Only the lockfile first: `pnpm fetch` fills the store in a layer that survives source edits.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc package.json ./
RUN pnpm fetch --frozen-lockfile
COPY . .
# Installs from the store without the network; postinstall generates the Prisma client offline.
RUN pnpm install --frozen-lockfile --offline
# The dashboard inlines NEXT_PUBLIC_* when it is built: the browser's API URL is fixed in the image.
ARG NEXT_PUBLIC_BACKEND_URL=http://localhost:3000
ENV NEXT_PUBLIC_BACKEND_URL=${NEXT_PUBLIC_BACKEND_URL}
RUN pnpm -r --workspace-concurrency=2 build
# Production dependencies only (no compilers, test tools or embedded Postgres in the runtime image). `pnpm prune
# --prod` unlinks the workspace packages' own dependencies in a pnpm 10 workspace, so the tree is relinked from the
# store instead. Scripts stay on: pnpm reuses the native builds it cached above (argon2), and the Prisma step skips
# itself without the CLI (the client is already compiled into libraries/database/dist).
RUN rm -rf node_modules apps/*/node_modules libraries/*/node_modules \
 && pnpm install --prod --frozen-lockfile --offline
RUN rm -rf apps/frontend/.next/cache

FROM ${NODE_IMAGE} AS runtime
# ffprobe (Debian's ffmpeg package) reads a video's duration, size and codecs at upload (docs/operations.md#post-media).
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
# MALLOC_ARENA_MAX: glibc's malloc keeps an arena per thread that touched it, and memory freed in one is rarely given
# back; two arenas keep an idle process smaller (bench/README.md, "Idle memory").
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    UPLOAD_DIRECTORY=/data/uploads \
    MALLOC_ARENA_MAX=2
WORKDIR /app
# Named volumes copy these folders' ownership on first use, so the non-root user can write uploads and the CA.
RUN mkdir -p /data/uploads /sandbox-ca && chown node:node /data/uploads /sandbox-ca
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000 4200
CMD ["node", "apps/backend/dist/main.js"]
