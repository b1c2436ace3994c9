import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds GraphiQL into server/dist/graphiql, served by the server at /graphiql. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  build: {
    outDir: fileURLToPath(new URL('../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    // Monaco is big by nature; a warning per build says nothing new.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // framer-motion's "use client" directives mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
