import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Tauri shell embeds ../ui/dist and serves it from its own scheme, so asset URLs must be relative.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
