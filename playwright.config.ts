import { defineConfig } from '@playwright/test';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU, VIEWPORT } from './e2e/chromium';

/** Without it performance.memory is rounded and refreshed only every twenty minutes: the long-session test reads it. */
const PRECISE_MEMORY = '--enable-precise-memory-info';
const URL = 'http://127.0.0.1:4173';

export default defineConfig({
  testDir: 'e2e',
  // The specs share one preview server and train on a software GPU: one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: URL,
    viewport: VIEWPORT,
    // A trace snapshots the whole DOM around every mouse move: it would slow the drawing test tenfold.
    trace: 'off',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /cpu-fallback/,
      use: { launchOptions: { executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, PRECISE_MEMORY, ...SWIFTSHADER_WEBGPU] } },
    },
    {
      name: 'cpu-fallback',
      testMatch: /cpu-fallback/,
      use: { launchOptions: { executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, '--disable-gpu'] } },
    },
  ],
  webServer: {
    command: 'npx vite build && npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: URL,
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
