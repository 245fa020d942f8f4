import { defineConfig } from 'vite';

/**
 * Builds the web console into console/dist: index.html and content-hashed
 * assets under assets/, served by the API itself (src/console/console-assets.ts).
 */
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Served from the API's own origin: no inline scripts, so the page's Content-Security-Policy needs none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
