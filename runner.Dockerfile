# The `drills` CLI as a container: the game-day runner task (lib/game-days/runner-task.ts).
# CDK builds it from this package at deploy time (`cdk deploy`); the build context is the
# package root, trimmed by .dockerignore.

# --- build stage: install, compile bin/, lib/, experiments/ to dist/ ----------------------
FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY lib ./lib
COPY experiments ./experiments
COPY bench ./bench
COPY service ./service
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

# --- runtime stage: compiled files and production dependencies, non-root ------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root (read-only to the runner); the process runs as "node" (uid 1000).
# No cdk.json: the runner reads its service's profile from the task definition
# (DRILLS_SERVICE_PROFILE), so it drills the service it was deployed for, whoever's app built it.
COPY package.json ./
COPY --from=build /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
USER node
STOPSIGNAL SIGTERM
# Exec form: no shell in between to swallow SIGTERM (ECS stopping the task stops the experiment).
ENTRYPOINT ["node", "/app/dist/bin/drills.js"]
CMD ["list"]
