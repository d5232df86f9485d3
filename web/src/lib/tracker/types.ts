/** The tracker's public types (issue 17): a grey frame in, each anchor's pose out. */

/** 8-bit luma, row-major, `width * height` bytes. */
export interface GreyFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

/** 9 numbers, row-major homography. */
export type Mat3 = readonly number[];

/** Normalised 0..1 picture coordinates, x0 < x1 and y0 < y1. */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface AnchorPose {
  id: string;
  /**
   * Maps normalised coordinates in the anchor's reference frame → normalised coordinates in this frame; null while
   * lost. May be non-null while `visible` is false: the region is tracked but mostly outside the picture.
   */
  h: Mat3 | null;
  /** false while the region is out of view or cannot be found (textureless, dark, blurred). */
  visible: boolean;
  /** 0..1 confidence (inlier share, scaled down when few points back it). */
  quality: number;
  /** Why the anchor is not visible, for the cue and for logs. */
  reason?: LostReason;
}

export type LostReason = "out-of-view" | "dark" | "flat" | "blurred" | "not-found" | "pending";

export interface Tracker {
  /** Anchor a region as it appears in `frame` (a frame passed to update earlier, or the latest if omitted). */
  add(id: string, region: Region, frameIndex?: number): void;
  remove(id: string): void;
  clear(): void;
  /**
   * Keeps the buffered frame `frameIndex` (a still the technician draws on) after it leaves the buffer, so
   * anchors added on it later are defined on it; null lets it go.
   */
  hold(frameIndex: number | null): void;
  /** Feed the next frame (with the caller's frame index); returns every anchor's pose for this frame. */
  update(frame: GreyFrame, frameIndex: number): AnchorPose[];
}

export interface TrackerOptions {
  /** Frames kept for late anchors (default 45: 1.5 s at 30 fps). */
  history?: number;
  /** Seed of the random sampling (RANSAC), for repeatable runs. */
  seed?: number;
}
