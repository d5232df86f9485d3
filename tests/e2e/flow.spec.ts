import { expect, test } from "@playwright/test";
import { createTechnician, inboundStat, openContexts, recordedMailTo, roomService, waitAbove } from "./support.ts";

/** DESIGN §4 labels, per language. */
const L = {
  en: {
    locale: "en-US",
    method: "link",
    email: "Email",
    password: "Password",
    signIn: "Sign in",
    newSession: "New session",
    dialog: "Create new session",
    lens: "Lens",
    name: "Name",
    linkTab: "Link",
    createLink: "Create link",
    emailServer: "Send email on my behalf via the Sightline servers",
    to: "To",
    emailLink: "Email link",
    done: "Done",
    sessions: "Sessions",
    sessionList: "Session list",
    waiting: "Waiting",
    start: "Start",
    activeTab: "Active session",
    video: "Customer camera",
    end: "End session",
    ended: "The session has ended.",
    skip: "Skip",
    allow: "Allow camera and microphone",
    eula: "End user license agreement",
    accept: "Accept",
    waitingTitle: "Waiting for your technician",
    live: "Camera is live",
    customerEnded: "The session has ended",
  },
  de: {
    locale: "de-DE",
    method: "email-server",
    email: "E-Mail",
    password: "Passwort",
    signIn: "Anmelden",
    newSession: "Neue Sitzung",
    dialog: "Neue Sitzung erstellen",
    lens: "Lens",
    name: "Name",
    linkTab: "Link",
    createLink: "Link erstellen",
    emailServer: "E-Mail in meinem Namen über die Sightline-Server senden",
    to: "An",
    emailLink: "Link mailen",
    done: "Fertig",
    sessions: "Sitzungen",
    sessionList: "Sitzungsliste",
    waiting: "Wartet",
    start: "Starten",
    activeTab: "Aktive Sitzung",
    video: "Kundenkamera",
    end: "Sitzung beenden",
    ended: "Die Sitzung ist beendet.",
    skip: "Überspringen",
    allow: "Kamera und Mikrofon erlauben",
    eula: "Endbenutzer-Lizenzvertrag",
    accept: "Akzeptieren",
    waitingTitle: "Warten auf den Support",
    live: "Kamera ist live",
    customerEnded: "Die Sitzung ist beendet",
  },
} as const;

for (const lang of ["en", "de"] as const) {
  const l = L[lang];
  test(`${l.method} session: live camera and two-way audio through LiveKit, then End (${lang})`, async ({ browser }) => {
    const health = await (await fetch(`${process.env.SIGHTLINE_URL}/api/health`)).json();
    expect(health).toEqual({ ok: true, kv: true, livekit: true });
    const tech = await createTechnician();
    const { customer, technician } = await openContexts(browser, l.locale);
    const techPage = await technician.newPage();
    const phone = await customer.newPage();

    // Technician signs in and creates a Lens session (Link method, or email through the Sightline servers).
    await techPage.goto("/console");
    await techPage.getByLabel(l.email).fill(tech.email);
    await techPage.getByLabel(l.password).fill(tech.password);
    await techPage.getByRole("button", { name: l.signIn }).click();
    await techPage.getByRole("button", { name: l.newSession }).click();
    const dialog = techPage.getByRole("dialog", { name: l.dialog });
    await expect(dialog.getByRole("radio", { name: l.lens })).toBeChecked();
    const customerName = `Alice ${lang.toUpperCase()} ${Date.now() % 10000}`;
    await dialog.getByRole("textbox", { name: l.name, exact: true }).fill(customerName);
    let link: string;
    if (l.method === "link") {
      await dialog.getByRole("tab", { name: l.linkTab }).click();
      await dialog.getByRole("button", { name: l.createLink }).click();
      link = await dialog.getByRole("textbox", { name: l.linkTab }).inputValue();
    } else {
      const to = `customer-${Date.now()}@example.test`;
      await dialog.getByRole("radio", { name: l.emailServer }).check();
      await dialog.getByRole("textbox", { name: l.to, exact: true }).fill(to);
      await dialog.getByRole("button", { name: l.emailLink }).click();
      const mail = await recordedMailTo(to);
      link = mail.text.match(/https?:\/\/\S+\/j\/\d{6}#k=[\w-]+/)![0];
      expect(mail.html).toContain(link);
      expect(await dialog.getByRole("textbox", { name: l.linkTab }).inputValue()).toBe(link);
    }
    const pin = (await dialog.getByTestId("pin").textContent())!.replace(/\s/g, "");
    expect(link).toMatch(new RegExp(`/j/${pin}#k=[\\w-]{40,}$`));
    await dialog.getByRole("button", { name: l.done }).click();

    const sessions = techPage.getByRole("listbox", { name: l.sessionList });
    const entry = sessions.getByRole("option", { name: new RegExp(customerName) });
    await expect(entry).toBeVisible();

    // Customer opens the link on a phone, grants camera and microphone, accepts the EULA.
    await phone.goto(link);
    await phone.getByRole("button", { name: l.skip }).click();
    await phone.getByRole("button", { name: l.allow }).click();
    await expect(phone.getByRole("heading", { name: l.eula })).toBeVisible();
    await phone.getByRole("button", { name: l.accept }).click();
    await expect(phone.getByRole("heading", { name: l.waitingTitle })).toBeVisible();

    // The console shows the session Waiting only once the customer is in the room.
    await expect(entry).toContainText(l.waiting);
    const list = await (await techPage.request.get("/api/sessions")).json();
    const sessionId: string = list.sessions.find((s: { name: string }) => s.name === customerName).id;
    const room = `session-${sessionId}`;

    // Before Start the server says the customer has published nothing and may not publish.
    const before = await roomService().listParticipants(room);
    const customerBefore = before.find((p) => p.identity === `customer:${sessionId}`);
    expect(customerBefore, "customer is in the LiveKit room").toBeDefined();
    expect(customerBefore!.tracks).toHaveLength(0);
    expect(customerBefore!.permission?.canPublish).toBe(false);

    // Start: the customer publishes, the technician sees and hears them.
    await entry.click();
    await techPage.getByRole("button", { name: l.start, exact: true }).click();
    await expect(techPage.getByRole("tab", { name: l.activeTab })).toHaveAttribute("aria-selected", "true");
    const video = techPage.getByLabel(l.video);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const frames0 = await inboundStat(techPage, "video", "framesDecoded");
    await techPage.waitForTimeout(3000);
    const frames1 = await inboundStat(techPage, "video", "framesDecoded");
    expect(frames1 - frames0, "frames decoded by the console in 3 s").toBeGreaterThanOrEqual(30);

    // Audio flows both ways: customer → technician and technician → customer.
    const techAudio = await waitAbove(() => inboundStat(techPage, "audio", "packetsReceived"), 0);
    const phoneAudio = await waitAbove(() => inboundStat(phone, "audio", "packetsReceived"), 0);
    await waitAbove(() => inboundStat(techPage, "audio", "packetsReceived"), techAudio);
    await waitAbove(() => inboundStat(phone, "audio", "packetsReceived"), phoneAudio);

    await expect(phone.getByText(l.live)).toBeVisible();

    const during = await roomService().listParticipants(room);
    const published = during.find((p) => p.identity === `customer:${sessionId}`)!.tracks.map((t) => t.source);
    expect(published.sort()).toEqual([1, 2]); // TrackSource.CAMERA, TrackSource.MICROPHONE

    // End: the room is deleted and both sides say so.
    await techPage.getByRole("button", { name: l.end }).click();
    await techPage.getByRole("alertdialog").getByRole("button", { name: l.end }).click();
    await expect(techPage.getByText(l.ended)).toBeVisible();
    await expect(phone.getByRole("heading", { name: l.customerEnded })).toBeVisible();
    expect(await roomService().listRooms([room])).toHaveLength(0);
    await techPage.getByRole("tab", { name: l.sessions }).click();
    await expect(entry).toContainText(lang === "en" ? "Ended" : "Beendet");

    await customer.close();
    await technician.close();
  });
}
