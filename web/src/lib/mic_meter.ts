/** The level of a microphone, for a meter next to its mute button. */

/**
 * Measures a microphone track with an `AnalyserNode` once per animation frame and reports 0–100
 * (−60 dBFS … 0 dBFS of the frame's RMS, falling slowly so short sounds stay readable).
 * Returns the function that stops measuring and closes the audio context.
 */
export function meterLevel(track: MediaStreamTrack, report: (level: number) => void): () => void {
  const context = new AudioContext();
  void context.resume().catch(() => {});
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let level = 0;
  let frame = 0;
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const x of samples) sum += x * x;
    const db = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-9);
    level = Math.max(Math.min(100, Math.max(0, ((db + 60) / 60) * 100)), level * 0.92);
    report(Math.round(level));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    cancelAnimationFrame(frame);
    report(0);
    void context.close().catch(() => {});
  };
}
