import assert from "node:assert/strict";
import { AUTOSAVE_MS, createNotesAutosave, type Timers } from "./notes_autosave.ts";

/** Timers on a clock the test moves by hand. */
function fakeTimers() {
  let clock = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  // The ids are plain numbers here; the type is the platform's timer id.
  type Id = ReturnType<Timers["set"]>;
  const timers: Timers = {
    set(run, ms) {
      pending.set(nextId, { at: clock + ms, run });
      return nextId++ as unknown as Id;
    },
    clear: (id) => void pending.delete(id as unknown as number),
  };
  /** Moves the clock by `ms`, running what falls due, then lets the saves it started settle. */
  const advance = async (ms: number) => {
    clock += ms;
    for (const [id, { at, run }] of [...pending]) {
      if (at <= clock) {
        pending.delete(id);
        run();
      }
    }
    await settle();
  };
  return { timers, advance, pending, now: () => clock };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

/** A save that the test answers by hand (`resolve`, `reject`), recording what was sent. */
function fakeSave() {
  const sent: string[] = [];
  const answers: { resolve: (at: number | null) => void; reject: () => void }[] = [];
  const save = (text: string) => {
    sent.push(text);
    return new Promise<{ updatedAt: number | null }>((resolve, reject) =>
      answers.push({ resolve: (at) => resolve({ updatedAt: at }), reject: () => reject(new Error("offline")) })
    );
  };
  return { save, sent, answers };
}

function setup() {
  const clock = fakeTimers();
  const store = fakeSave();
  const notes = createNotesAutosave({ save: store.save, timers: clock.timers, now: clock.now });
  notes.loaded("old");
  return { ...clock, ...store, notes };
}

Deno.test("notes autosave: one save 1.5 s after typing stops, with the last text", async () => {
  const { notes, advance, sent, answers } = setup();
  notes.edit("n");
  await advance(1_000);
  notes.edit("ne");
  await advance(1_000);
  notes.edit("new");
  await advance(AUTOSAVE_MS - 1);
  assert.deepEqual(sent, [], "not while typing");
  await advance(1);
  assert.deepEqual(sent, ["new"]);
  assert.deepEqual(notes.status.value, { state: "saving" });
  answers[0].resolve(42);
  await settle();
  assert.deepEqual(notes.status.value, { state: "saved", at: 42 });
});

Deno.test("notes autosave: blur or a hidden page saves at once; nothing when unchanged", async () => {
  const { notes, advance, sent, answers, pending } = setup();
  await notes.flush();
  assert.deepEqual(sent, [], "nothing changed since loading");
  notes.edit("typed");
  const flushing = notes.flush();
  assert.deepEqual(sent, ["typed"]);
  assert.equal(pending.size, 0, "the scheduled save is dropped");
  answers[0].resolve(7);
  await flushing;
  await advance(AUTOSAVE_MS * 2);
  assert.deepEqual(sent, ["typed"], "saved once");
  notes.edit("old");
  notes.edit("typed");
  await advance(AUTOSAVE_MS);
  assert.deepEqual(sent, ["typed"], "back to the saved text: nothing to save");
});

Deno.test("notes autosave: a change during a save is saved after it, one save at a time", async () => {
  const { notes, advance, sent, answers } = setup();
  notes.edit("first");
  await advance(AUTOSAVE_MS);
  notes.edit("first and more");
  void notes.flush();
  assert.deepEqual(sent, ["first"], "waits for the save under way");
  answers[0].resolve(1);
  await settle();
  assert.deepEqual(sent, ["first", "first and more"]);
  answers[1].resolve(2);
  await settle();
  assert.deepEqual(notes.status.value, { state: "saved", at: 2 });
});

Deno.test("notes autosave: a failed save says so; Retry saves again; no retry loop on its own", async () => {
  const { notes, advance, sent, answers } = setup();
  notes.edit("text");
  await advance(AUTOSAVE_MS);
  answers[0].reject();
  await settle();
  assert.deepEqual(notes.status.value, { state: "failed" });
  await advance(AUTOSAVE_MS * 10);
  assert.deepEqual(sent, ["text"], "no save on its own after a failure");
  const retrying = notes.save();
  assert.deepEqual(notes.status.value, { state: "saving" });
  answers[1].resolve(9);
  await retrying;
  assert.deepEqual(sent, ["text", "text"]);
  assert.deepEqual(notes.status.value, { state: "saved", at: 9 });
});

Deno.test("notes autosave: Save notes saves even unchanged; a save without the edge's time uses the clock", async () => {
  const { notes, advance, sent, answers } = setup();
  await advance(500);
  const saving = notes.save();
  assert.deepEqual(sent, ["old"]);
  answers[0].resolve(null);
  await saving;
  assert.deepEqual(notes.status.value, { state: "saved", at: 500 });
});

Deno.test("notes autosave: leaving the field saves a pending change and schedules nothing more", async () => {
  const { notes, advance, sent, pending } = setup();
  notes.edit("unsaved");
  notes.dispose();
  assert.deepEqual(sent, ["unsaved"]);
  assert.equal(pending.size, 0);
  await advance(AUTOSAVE_MS);
  assert.deepEqual(sent, ["unsaved"]);
});
