# One image for every process of Prakerja Graph; the command chooses which (see deploy/compose.yaml, deploy/k8s/).
#   node dist/gateway/index.js                 the gateway (default)
#   node dist/subgraphs/<name>/index.js        a subgraph: participants, partners, courses
#   node dist/scripts/migrate.js [name…]       migrations, once per release, as each schema's owner
#   node dist/scripts/db-roles.js              the subgraphs' database roles, from an administrator's DATABASE_URL

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY common common
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
COPY seed seed
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The gateway reads the composed supergraph and the partner contract's documents at start-up.
COPY schema schema
# The image's own `node` user (uid 1000): nothing runs as root, and the files stay root's, read-only to it.
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "dist/gateway/index.js"]
