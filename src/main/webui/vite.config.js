// Builds the analyst page into the classes Quarkus serves: /analyst/ (Maven's generate-resources runs it).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: '/analyst/',
  build: {
    outDir: fileURLToPath(new URL('../../../target/classes/META-INF/resources/analyst', import.meta.url)),
    emptyOutDir: true,
    // dmn-js is one large chunk, loaded only when a DMN file is opened.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev` beside a running service (./mvnw quarkus:dev): the API calls go to it.
    proxy: { '/api': process.env.API ?? 'http://localhost:8080' },
  },
});
