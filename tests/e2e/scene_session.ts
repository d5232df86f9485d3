/**
 * A live session whose customer's camera is the scene camera (`tests/support/scene`), for the anchored
 * drawing e2e tests and benchmark: the phone's screen is the size of the camera's picture (1280×720, one
 * device pixel per CSS pixel), so the viewfinder shows the whole picture 1:1, errors are in picture
 * pixels and reading the screen is cheap enough not to slow the page down.
 */
import type { Browser, Page } from "@playwright/test";
import type { MotionKind } from "../support/scene/motion.ts";
import { sceneCameraScript, sceneToolsScript } from "../support/scene/camera.ts";
import { PICTURE, picturePoint } from "./picture_probe.ts";
import {
  createLinkAs,
  createTechnician,
  customerJoins,
  deskContext,
  inboundStat,
  phoneContext,
  signInConsole,
  startWaiting,
  waitAbove,
} from "./support.ts";

/** The scene's frame held while the mark is drawn (the first frame: the camera at rest). */
export const REST = 0;
/** Where the scene's frame code is: the middle of the left edge, which the phone's viewfinder shows. */
export const CODE_AT = [0, 0.5] as const;

/**
 * Signs a technician in, has the customer join `name` and Starts it; the scene moves as `kind`, held at
 * rest until `play`. `firstVideoMs`: how long the console may take to decode its first second of video.
 */
export async function sceneSession(browser: Browser, kind: MotionKind, name: string, firstVideoMs?: number) {
  const tech = await createTechnician();
  const customer = await phoneContext(browser, "en-US", {
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
  });
  const technician = await deskContext(browser, "en-US");
  await customer.addInitScript(sceneCameraScript({ kind, holdAt: REST, codeAt: CODE_AT }));
  await technician.addInitScript(sceneToolsScript());
  const desk = await technician.newPage();
  const phone = await customer.newPage();
  await signInConsole(desk, tech);
  const { link } = await createLinkAs(desk, name);
  await customerJoins(phone, link);
  await startWaiting(desk, name);
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 30, firstVideoMs);
  return {
    desk,
    phone,
    /** Lets the camera move from the rest frame on. */
    // deno-lint-ignore no-explicit-any
    play: () => phone.evaluate(() => ((globalThis as any).__sightlineScene.holdAt = null)),
    close: async () => {
      await customer.close();
      await technician.close();
    },
  };
}

/** With Draw, a click at the normalised picture point (u, v) of the console: a dot. */
export async function drawDot(desk: Page, u: number, v: number) {
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  const { x, y } = await desk.evaluate(picturePoint, [PICTURE.desk.stage, u, v] as const);
  await desk.mouse.click(x, y);
}
