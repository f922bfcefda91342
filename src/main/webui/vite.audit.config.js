// Builds the audit page's charts (audit/charts.js, with Chart.js) into one module the static audit page
// loads: target/classes/META-INF/resources/audit/charts.js, served at /audit/charts.js. A fixed name,
// not a hashed one, because index.html is not built by Vite; `npm run build` runs this after the analyst page.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: '/audit/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../../target/classes/META-INF/resources/audit', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: fileURLToPath(new URL('./audit/charts.js', import.meta.url)),
      output: { entryFileNames: 'charts.js', chunkFileNames: 'charts-[name]-[hash].js', assetFileNames: 'charts-[name]-[hash][extname]' },
    },
  },
});
