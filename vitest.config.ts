import { defineConfig } from 'vitest/config';
import { wgslAsText } from './vite.config.ts';

export default defineConfig({
  plugins: [wgslAsText()],
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/wasm-kernels-built.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
