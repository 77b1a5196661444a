import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    // Type-level tests (`*.test-d.ts`): what the compiler must accept or refuse, reported like any other test.
    typecheck: { enabled: true, include: ['test/unit/**/*.test-d.ts'] },
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    restoreMocks: true,
  },
});
