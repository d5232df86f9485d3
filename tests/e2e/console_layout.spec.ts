import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  consoleTool,
  createLinkAs,
  createTechnician,
  customerJoins,
  deskContext,
  look,
  phoneContext,
} from "./support.ts";

/** The widths the console must fit: two phones, a tablet, a small and a large desktop. */
const SIZES = [[360, 740], [390, 844], [768, 1024], [1024, 768], [1440, 900]] as const;
const PHONE_WIDTH = 480;

const L = {
  en: {
    locale: "en-US",
    email: "Email",
    password: "Password",
    signIn: "Sign in",
    newSession: "New session",
    dialog: "Create new session",
    createLink: "Create link",
    done: "Done",
    waiting: "Waiting",
    start: "Start",
    video: "Customer camera",
    chat: "Chat",
    message: "Message",
    send: "Send",
    more: "More",
    mute: "Mute",
    unmute: "Unmute",
    details: "Connection details",
    draw: "Draw",
    close: "Close",
    endSession: "End session",
    gallery: /^Photos and screenshots/,
  },
  de: {
    locale: "de-DE",
    email: "E-Mail",
    password: "Passwort",
    signIn: "Anmelden",
    newSession: "Neue Sitzung",
    dialog: "Neue Sitzung erstellen",
    createLink: "Link erstellen",
    done: "Fertig",
    waiting: "Wartet",
    start: "Starten",
    video: "Kundenkamera",
    chat: "Chat",
    message: "Nachricht",
    send: "Senden",
    more: "Mehr",
    mute: "Stummschalten",
    unmute: "Stummschaltung aufheben",
    details: "Verbindungsdetails",
    draw: "Zeichnen",
    close: "Schließen",
    endSession: "Sitzung beenden",
    gallery: /^Fotos und Screenshots/,
  },
} as const;

/** Two frames, so a layout that follows the viewport (a media query, `matchMedia`) has rendered. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** `look()` (screenshot, no sideways scrolling, axe) of the screen at each width in `sizes`. */
async function lookAtEach(page: Page, name: string, sizes: readonly (readonly [number, number])[] = SIZES) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await settle(page);
    await look(page, `${name}-${width}x${height}`);
  }
}

const box = async (locator: Locator) => (await locator.boundingBox())!;

/** The gallery beside the picture on a wide screen, below it otherwise. */
async function expectGalleryPlaced(gallery: Locator, video: Locator, width: number) {
  const frame = await box(video);
  const photos = await box(gallery);
  if (width >= 1024) expect(photos.x, "gallery beside the video").toBeGreaterThanOrEqual(frame.x + frame.width);
  else expect(photos.y, "gallery below the video").toBeGreaterThanOrEqual(frame.y + frame.height);
}

for (const lang of ["en", "de"] as const) {
  const l = L[lang];
  test(`console: every screen fits 360 to 1440 px without sideways scrolling and passes axe (${lang})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const tech = await createTechnician("Tess Technician-Longname");
    const technician = await deskContext(browser, l.locale);
    const customer = await phoneContext(browser);
    const desk = await technician.newPage();
    const phone = await customer.newPage();

    await desk.goto("/console");
    await expect(desk.getByRole("button", { name: l.signIn })).toBeVisible();
    await lookAtEach(desk, `console-signin-${lang}`);
    await desk.getByLabel(l.email).fill(tech.email);
    await desk.getByLabel(l.password).fill(tech.password);
    await desk.getByRole("button", { name: l.signIn }).click();

    await desk.getByRole("button", { name: l.newSession }).click();
    const dialog = desk.getByRole("dialog", { name: l.dialog });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Bob Builder");
    await lookAtEach(desk, `console-dialog-${lang}`);
    await dialog.getByRole("tab", { name: "Link" }).click();
    await dialog.getByRole("button", { name: l.createLink }).click();
    const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
    await dialog.getByRole("button", { name: l.done }).click();
    await createLinkAs(desk, "Waschmaschinen-Reparaturservice Müller-Lüdenscheidt");

    await customerJoins(phone, link);
    const entry = desk.getByRole("option", { name: /Bob Builder/ });
    await expect(entry).toContainText(l.waiting);
    await entry.click();
    await lookAtEach(desk, `console-list-${lang}`);

    await desk.getByRole("button", { name: l.start, exact: true }).click();
    const video = desk.getByLabel(l.video);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const more = desk.getByRole("button", { name: l.more, exact: true });
    const gallery = desk.getByRole("region", { name: l.gallery });
    for (const size of SIZES) {
      await lookAtEach(desk, `console-live-${lang}`, [size]);
      // Phones get the icon toolbar with More; wider screens every tool in sight.
      await expect(more).toHaveCount(size[0] <= PHONE_WIDTH ? 1 : 0);
      // End session sits apart: the last control, never between Hold and Chat.
      const end = await box(desk.getByRole("button", { name: l.endSession }));
      const chatButton = await box(desk.getByRole("button", { name: l.chat }));
      expect(end.y >= chatButton.y + chatButton.height || end.x > chatButton.x).toBe(true);
      await expectGalleryPlaced(gallery, video, size[0]);
    }

    await desk.getByRole("button", { name: l.chat }).click();
    await desk.getByLabel(l.message).fill("Hallo! Können Sie die rote Lampe sehen? https://example.com/handbuch");
    await desk.getByRole("button", { name: l.send }).click();
    const chatPanel = desk.getByRole("region", { name: l.chat });
    await expect(chatPanel.getByRole("listitem")).toHaveCount(1);
    for (const size of SIZES) {
      await lookAtEach(desk, `console-chat-${lang}`, [size]);
      const frame = await box(video);
      const panel = await box(chatPanel);
      if (size[0] >= 1024) expect(panel.x, "chat beside the video").toBeGreaterThanOrEqual(frame.x + frame.width);
      if (size[0] <= PHONE_WIDTH) expect(panel.y, "chat over the video").toBeLessThan(frame.y + frame.height);
      await expectGalleryPlaced(gallery, video, size[0]);
    }
    await desk.getByRole("button", { name: l.chat }).click();
    await expect(chatPanel).toBeHidden();

    for (const size of SIZES.filter(([width]) => width <= PHONE_WIDTH)) {
      await desk.setViewportSize({ width: size[0], height: size[1] });
      await expect(more).toHaveAttribute("aria-expanded", "false");
      await more.click();
      await expect(more).toHaveAttribute("aria-expanded", "true");
      await expect(desk.getByRole("button", { name: l.draw, exact: true })).toBeFocused();
      await lookAtEach(desk, `console-more-${lang}`, [size]);
      await desk.keyboard.press("Escape");
      await expect(more).toHaveAttribute("aria-expanded", "false");
      await expect(more).toBeFocused();
      await expect(desk.getByRole("button", { name: l.details })).toBeHidden();
    }
    // Keyboard: Enter opens More, the arrow keys walk its tools, Escape closes it and focus returns.
    await more.press("Enter");
    await expect(desk.getByRole("button", { name: l.draw, exact: true })).toBeFocused();
    await desk.keyboard.press("ArrowDown");
    await expect(desk.getByRole("button", { name: l.draw, exact: true })).not.toBeFocused();
    await desk.keyboard.press("Escape");
    await expect(more).toBeFocused();
    await consoleTool(desk, l.details);
    await expect(desk.getByRole("button", { name: l.details })).toHaveAttribute("aria-pressed", "true");
    await desk.keyboard.press("Escape");

    const mute = desk.getByRole("button", { name: l.mute, exact: true });
    await mute.click();
    const unmute = desk.getByRole("button", { name: l.unmute, exact: true });
    await expect(unmute).toHaveAttribute("aria-pressed", "true");
    // The longest label of the phone toolbar, at the narrowest width.
    await lookAtEach(desk, `console-muted-${lang}`, [SIZES[0]]);
    await unmute.click();
    await expect(mute).toHaveAttribute("aria-pressed", "false");

    await desk.getByRole("button", { name: l.endSession }).click();
    await desk.getByRole("alertdialog").getByRole("button", { name: l.endSession }).click();
    await expect(desk.getByRole("button", { name: l.close })).toBeVisible();
    await lookAtEach(desk, `console-ended-${lang}`);

    await customer.close();
    await technician.close();
  });
}
