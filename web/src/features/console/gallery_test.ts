import assert from "node:assert/strict";
import { type ImageStore, memoryImageStore } from "../../lib/image_store.ts";
import { createGallery } from "./gallery.ts";

const png = (bytes = 3) => new Blob([new Uint8Array(bytes)], { type: "image/png" });
const jpeg = () => new Blob([new Uint8Array(5)], { type: "image/jpeg" });

Deno.test("createGallery() keeps a session's photos and screenshots in the store, numbered per kind", async () => {
  const store = memoryImageStore();
  let clock = 1000;
  const gallery = createGallery(store, () => clock++);
  await gallery.add("s1", "photo", jpeg(), 4000, 3000);
  await gallery.add("s1", "screenshot", png(), 1280, 720);
  await gallery.add("s1", "photo", jpeg(), 4000, 3000);
  await gallery.add("s2", "photo", jpeg(), 640, 480);
  assert.deepEqual(gallery.of("s1").map((i) => `${i.kind} ${i.number} ${i.type}`), [
    "photo 1 image/jpeg",
    "screenshot 1 image/png",
    "photo 2 image/jpeg",
  ]);
  assert.deepEqual(gallery.of("s2").length, 1);
  assert.deepEqual(store.images.size, 4);
  assert(gallery.of("s1").every((i) => i.url.startsWith("blob:")));
  gallery.dispose();
});

Deno.test("createGallery() deletes an image from the store; numbers are not reused", async () => {
  const store = memoryImageStore();
  const gallery = createGallery(store);
  const first = await gallery.add("s1", "photo", jpeg(), 10, 10);
  const second = await gallery.add("s1", "photo", jpeg(), 10, 10);
  await gallery.remove("s1", second.id);
  assert.deepEqual(gallery.of("s1").map((i) => i.id), [first.id]);
  assert.deepEqual([...store.images.keys()], [first.id]);
  const third = await gallery.add("s1", "photo", jpeg(), 10, 10);
  assert.deepEqual(third.number, 2, "the highest kept number plus one");
  await gallery.remove("s1", "unknown");
  assert.deepEqual(gallery.of("s1").length, 2);
  gallery.dispose();
});

Deno.test("createGallery() shows what an earlier page stored (a console reload)", async () => {
  const store = memoryImageStore();
  const before = createGallery(store);
  await before.add("s1", "screenshot", png(7), 800, 600);
  before.dispose();
  const after = createGallery(store);
  assert.deepEqual(after.of("s1"), [], "nothing until loaded");
  await after.load("s1");
  const [item] = after.of("s1");
  assert.deepEqual([item.kind, item.number, item.width, item.height], ["screenshot", 1, 800, 600]);
  assert.deepEqual((await (await fetch(item.url)).blob()).size, 7, "its URL serves the stored image");
  await after.load("s1");
  assert.deepEqual(after.of("s1").length, 1, "loading again adds nothing twice");
  after.dispose();
});

Deno.test("createGallery() keeps an image on screen when the browser cannot store it", async () => {
  const broken: ImageStore = {
    list: () => Promise.reject(new Error("no IndexedDB")),
    put: () => Promise.reject(new Error("quota")),
    delete: () => Promise.reject(new Error("quota")),
  };
  const gallery = createGallery(broken);
  assert.deepEqual(gallery.storageFailed.value, false);
  await gallery.add("s1", "photo", jpeg(), 10, 10);
  assert.deepEqual(gallery.of("s1").length, 1);
  assert.deepEqual(gallery.storageFailed.value, true);
  gallery.dispose();
});
