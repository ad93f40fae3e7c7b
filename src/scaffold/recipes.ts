/**
 * Host recipes written by `onair init --host`: the config each static host
 * needs to build a site with `npx onair build` and publish `public/`.
 */
import type { FileMap } from './write.js';

/** Hosts with a ready-made recipe. */
export type Host = 'github' | 'netlify' | 'cloudflare' | 'vercel';

/** Every host, in the order usage text lists them. */
export const hosts: readonly Host[] = ['github', 'netlify', 'cloudflare', 'vercel'];

/** The command every recipe builds with. */
export const buildCommand = 'npx onair build';

/** The folder every recipe publishes. */
export const publishDir = 'public';

/** Options of {@link hostRecipe}. */
export interface RecipeOptions {
  /** Project name (lowercase, dashes), for hosts that want one. */
  name: string;
  /** Creation day `YYYY-MM-DD`, for Cloudflare's `compatibility_date`. */
  day: string;
}

/** The files that set a site up for `host`. */
export function hostRecipe(host: Host, options: RecipeOptions): FileMap {
  switch (host) {
    case 'github':
      return { '.github/workflows/deploy.yml': githubWorkflow };
    case 'netlify':
      return { 'netlify.toml': netlifyToml };
    case 'cloudflare':
      return { 'wrangler.toml': wranglerToml(options), '.node-version': '20\n' };
    case 'vercel':
      return { 'vercel.json': vercelJson };
  }
}

// The base URL comes from Pages (it differs for user and project sites), passed
// through `env` so the value never becomes part of the shell script.
const githubWorkflow = `# Builds the site and deploys it to GitHub Pages on every push to main.
# In the repository: Settings → Pages → Source: GitHub Actions.
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - id: pages
        uses: actions/configure-pages@v5
      # Restored before the build and saved after it: unchanged posts are not rebuilt.
      - uses: actions/cache@v4
        with:
          path: .onair-cache
          key: onair-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}-\${{ hashFiles('content/**', 'static/**', 'templates/**', 'onair.yaml', 'onair.config.ts') }}
          restore-keys: |
            onair-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}-
            onair-\${{ runner.os }}-
      - run: ${buildCommand} --base-url "$BASE_URL"
        env:
          BASE_URL: \${{ steps.pages.outputs.base_url }}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: ${publishDir}

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;

const netlifyToml = `# Netlify: connect the repository; these settings override the UI.
[build]
  command = "${buildCommand}"
  publish = "${publishDir}"

[build.environment]
  NODE_VERSION = "20"
`;

// Cloudflare Pages reads only the output folder from wrangler.toml; the build
// command is a project setting, hence the comment.
function wranglerToml(options: RecipeOptions): string {
  return `# Cloudflare Pages. In the dashboard (Workers & Pages → Create → Pages →
# Connect to Git) set: Build command: ${buildCommand}, Build output
# directory: ${publishDir}. Node comes from .node-version.
# Or deploy from your machine: ${buildCommand} && npx wrangler pages deploy
name = "${options.name}"
pages_build_output_dir = "${publishDir}"
compatibility_date = "${options.day}"
`;
}

const vercelJson = `${JSON.stringify(
  {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    framework: null,
    installCommand: 'npm ci',
    buildCommand,
    outputDirectory: publishDir,
  },
  null,
  2,
)}\n`;
