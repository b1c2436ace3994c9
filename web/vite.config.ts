import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/** The API the dev server forwards to; `pnpm start` in server/ listens there by default. */
const apiOrigin = process.env.PLAN_ATLAS_API ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // Compile-time flags of Vue and vue-i18n: dropping the options API and the legacy i18n API
    // keeps them out of the initial bundle.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { '/graphql': apiOrigin, '/graphiql': apiOrigin },
  },
  build: {
    target: 'es2022',
    // Each lazily loaded view gets its own chunk; the bundle-size script reads the manifest.
    manifest: true,
    // ECharts (~200 KB gzipped even tree-shaken) lives in the lazily loaded Compare chunk.
    chunkSizeWarningLimit: 700,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
