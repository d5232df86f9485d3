import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { VitePWA } from "vite-plugin-pwa";

// Two pages, built separately into one dist/ (`.ci/build.ts` runs the customer build, then
// `--mode console`): the customer app (/, /j/…) and the technician console (/console). Separate builds
// keep the console's code — and the parts of zod only the console uses — out of the chunks a customer
// downloads before the camera prompt. livekit-client is a lazy chunk loaded after the EULA or at Start.
export default defineConfig(({ mode }) => mode === "console" ? consoleBuild : customerBuild);

const consoleBuild = {
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    chunkSizeWarningLimit: 600,
    outDir: "dist",
    emptyOutDir: false,
    rollupOptions: { input: { console: `${import.meta.dirname}/console/index.html` } },
  },
};

const customerBuild = {
  root: import.meta.dirname,
  plugins: [
    preact(),
    VitePWA({
      // The app registers the worker itself (web/src/lib/pwa.ts) and asks before updating.
      registerType: "prompt",
      injectRegister: false,
      manifest: {
        name: "Sightline",
        short_name: "Sightline",
        description: "Show your support technician what you see — no app needed.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b5cad",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        // The API, dev pages and the console are never answered by the customer app's shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/dev\//, /^\/console/],
      },
    }),
  ],
  build: {
    // livekit-client is one lazy chunk by design.
    chunkSizeWarningLimit: 600,
    // Every engine the customer app supports preloads modules itself (Chromium, Firefox 115, Safari 17);
    // elsewhere only the hint is lost. The polyfill would cost ~300 B gzip of the first download.
    modulePreload: { polyfill: false },
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: { input: { customer: `${import.meta.dirname}/index.html` } },
  },
};
