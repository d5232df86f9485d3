import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { VitePWA } from "vite-plugin-pwa";

// Two pages: the customer app (/, /j/…) and the technician console (/console). Each pulls only its
// own code; livekit-client is a lazy chunk loaded after the EULA or at Start.
export default defineConfig({
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
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        customer: `${import.meta.dirname}/index.html`,
        console: `${import.meta.dirname}/console/index.html`,
      },
    },
  },
});
