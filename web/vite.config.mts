import { defineConfig } from 'vite';

// The app is plain React + TypeScript: Vite's own transform handles JSX (no plugin, no fast refresh needed for a build).
export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, strictPort: true },
});
