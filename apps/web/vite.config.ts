import { defineConfig } from "vite";

// The page is served on 127.0.0.1 only, like the mock it talks to by default.
export default defineConfig({
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { outDir: "dist", target: "es2022" },
});
