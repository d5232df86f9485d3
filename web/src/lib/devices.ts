/**
 * Which of a phone's cameras and speakers to use. Phones list several rear cameras (main, ultra-wide,
 * telephoto, macro, depth); `facingMode: "environment"` gives whichever the browser picks, sometimes the
 * ultra-wide, which shows a small screw from arm's length as a few pixels. The main camera is the rear
 * camera whose label names no special lens; among several, Android's lowest `camera2 <n>` (the first
 * rear camera the system lists is its main one) and iOS's plain "Back Camera" before its virtual
 * "Dual"/"Triple" cameras.
 */
export interface CameraDevice {
  deviceId: string;
  kind: string;
  label: string;
}

/** Lenses that are not the main camera, in the labels of Android and iOS (English and German). */
const SPECIAL_LENS = /ultra|weitwinkel|tele|macro|makro|depth|tiefe|infrared|infrarot|\bir\b|\btof\b/i;
const REAR = /back|rear|environment|world|rück/i;
const VIRTUAL = /dual|triple|dreifach/i;

/** The deviceId of the phone's main rear camera, or null when the labels do not tell (or it has one). */
export function mainRearCamera(devices: readonly CameraDevice[]): string | null {
  const rear = devices.filter((d) => d.kind === "videoinput" && REAR.test(d.label) && !SPECIAL_LENS.test(d.label));
  if (rear.length === 0) return null;
  const index = (d: CameraDevice) => Number(d.label.match(/camera2 (\d+)/)?.[1] ?? 0);
  const rank = (d: CameraDevice) => (VIRTUAL.test(d.label) ? 1000 : 0) + index(d);
  return [...rear].sort((a, b) => rank(a) - rank(b))[0].deviceId;
}

/** The deviceId of a loudspeaker output ("Speakerphone", "Lautsprecher"), where the browser lists one. */
export function loudspeaker(devices: readonly CameraDevice[]): string | null {
  const speaker = devices.find((d) =>
    d.kind === "audiooutput" && /speaker|lautsprecher/i.test(d.label) && !/head|bluetooth|earpiece|hörer/i.test(d.label)
  );
  return speaker?.deviceId ?? null;
}

/**
 * Plays `el` (the technician's voice) through the loudspeaker where the browser can route audio
 * (`setSinkId`) and lists one: the customer holds the phone out to film, not to their ear.
 */
export async function toLoudspeaker(el: HTMLMediaElement, devices: () => Promise<CameraDevice[]>) {
  const routable = el as HTMLMediaElement & { setSinkId?(id: string): Promise<void> };
  if (typeof routable.setSinkId !== "function") return;
  const speaker = loudspeaker(await devices());
  if (speaker) await routable.setSinkId(speaker).catch((err) => console.warn("Loudspeaker refused", err));
}
