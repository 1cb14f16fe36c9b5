import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Two pages, one app: the desk console and the customer portal share the
 * API client, the catalogues and the styles, but each loads only its own
 * code, so a customer filing a complaint never downloads the desk.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    // ECharts alone is ~570 kB minified; it is its own chunk, loaded only by the reports page.
    chunkSizeWarningLimit: 700,
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts from this origin only; the polyfill would be an inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      input: { desk: page('desk/index.html'), portal: page('portal/index.html') },
    },
  },
});
