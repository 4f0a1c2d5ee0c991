import { defineConfig } from 'vite';

// keys-api serves dist/ at `/` and the REST API under /api/v1 (same origin, so the session
// cookie can stay SameSite=Strict). `npm run dev` proxies the API to a running keys-api.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // No source maps in the production build: keys-api serves dist/ to anyone (issue 10, item 15).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': process.env['KEYS_API_URL'] ?? 'http://127.0.0.1:8080' } },
});
