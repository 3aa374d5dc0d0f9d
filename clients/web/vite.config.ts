// The members' app, built by Vite into dist/ with relative paths, so one build serves any node
// (config.json beside it says which) from any path.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2048 },
  server: { port: 5173 },
});
