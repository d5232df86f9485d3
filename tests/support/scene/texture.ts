/**
 * The synthetic scene's world (issue 17 §4): a richly textured picture generated from a seed with
 * Canvas 2D (nothing downloaded), so a feature tracker finds corners everywhere, the frame centre
 * included: smooth colour fields and grain at several scales, thousands of shapes in many colours and
 * sizes, labels of pseudo-text, barcodes, QR-like patches, warning stripes, screws and nuts.
 *
 * `paintSceneTexture` is self-contained (the camera's init script inlines its source) and deterministic:
 * the same seed draws the same calls, so one browser build gives the same pixels every run.
 */
export function paintSceneTexture(canvas: HTMLCanvasElement | OffscreenCanvas, seed = 17) {
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
  const [W, H] = [canvas.width, canvas.height];
  let state = seed >>> 0;
  /** mulberry32 */
  const rnd = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (a: number, b: number) => a + (b - a) * rnd();
  /** Log-uniform between a and b: as many small things as big ones per octave. */
  const size = (a: number, b: number) => a * Math.pow(b / a, rnd());
  const hsl = (l = pick(12, 88), s = pick(25, 95)) =>
    `hsl(${Math.floor(rnd() * 360)} ${s.toFixed(0)}% ${l.toFixed(0)}%)`;
  const grey = (l: number) => `hsl(0 0% ${l.toFixed(0)}%)`;
  const place = () => [pick(0, W), pick(0, H)];

  /** A w×h image of random pixels (colour or grey), to be drawn enlarged and smoothed. */
  function noise(w: number, h: number, colour: boolean) {
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext("2d")!;
    const img = g.createImageData(w, h);
    // Colours half-way to grey: varied, not a rainbow.
    const tint = () => 64 + rnd() * 128;
    for (let i = 0; i < img.data.length; i += 4) {
      const v = rnd() * 255;
      img.data[i] = colour ? tint() : v;
      img.data[i + 1] = colour ? tint() : v;
      img.data[i + 2] = colour ? tint() : v;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    return c;
  }

  /** Runs `draw` translated to (x, y) and turned by `angle` radians, then restores. */
  function at(x: number, y: number, angle: number, draw: () => void) {
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(angle);
    draw();
    ctx.restore();
  }

  function fields() {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(noise(40, 23, true), 0, 0, W, H);
    ctx.globalCompositeOperation = "overlay";
    for (const [w, alpha] of [[160, 0.5], [640, 0.35], [1600, 0.25]]) {
      ctx.globalAlpha = alpha;
      ctx.drawImage(noise(w, Math.round((w * H) / W), false), 0, 0, W, H);
    }
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
  }

  function shape() {
    const [x, y] = place();
    const s = size(5, 170);
    const kind = Math.floor(rnd() * 5);
    ctx.fillStyle = hsl();
    ctx.strokeStyle = rnd() < 0.5 ? grey(pick(0, 25)) : hsl();
    ctx.lineWidth = pick(1, Math.max(1.5, s / 12));
    ctx.globalAlpha = rnd() < 0.2 ? pick(0.4, 0.8) : 1;
    at(x, y, rnd() * Math.PI, () => {
      ctx.beginPath();
      if (kind === 0) ctx.rect(-s / 2, -s / 3, s, pick(0.2, 1) * s);
      else if (kind === 1) ctx.ellipse(0, 0, s / 2, pick(0.2, 0.5) * s, 0, 0, 2 * Math.PI);
      else if (kind === 2) {
        const n = 3 + Math.floor(rnd() * 4);
        for (let i = 0; i < n; i++) ctx.lineTo(pick(-s, s) / 2, pick(-s, s) / 2);
        ctx.closePath();
      } else if (kind === 3) {
        ctx.moveTo(0, 0);
        for (let i = 0; i < 3; i++) ctx.lineTo(pick(-s, s), pick(-s, s));
        ctx.stroke();
        return;
      } else {
        for (let i = 0; i < 6; i++) ctx.rect(pick(-s, s) / 2, pick(-s, s) / 2, s / 10 + 2, s / 10 + 2);
      }
      ctx.fill();
      if (rnd() < 0.6) ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }

  /** A line of pseudo-glyphs (2–4 strokes each in a cell) from the current point. */
  function text(x: number, y: number, chars: number, cw: number, ch: number) {
    ctx.beginPath();
    for (let i = 0; i < chars; i++) {
      if (rnd() < 0.15) continue;
      const gx = x + i * cw * 1.25;
      for (let k = 2 + Math.floor(rnd() * 3); k > 0; k--) {
        ctx.moveTo(gx + Math.round(rnd() * 2) * (cw / 2), y + Math.round(rnd() * 2) * (ch / 2));
        ctx.lineTo(gx + Math.round(rnd() * 2) * (cw / 2), y + Math.round(rnd() * 2) * (ch / 2));
      }
    }
    ctx.stroke();
  }

  function label(x: number, y: number, w: number, h: number) {
    const dark = rnd() < 0.3;
    at(x, y, pick(-0.5, 0.5), () => {
      ctx.fillStyle = dark ? hsl(pick(10, 25)) : hsl(pick(85, 96), pick(0, 40));
      ctx.strokeStyle = grey(dark ? 90 : 10);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.roundRect(-w / 2, -h / 2, w, h, Math.min(w, h) / 8);
      ctx.fill();
      ctx.stroke();
      const ch = pick(8, 16);
      const cw = ch * pick(0.5, 0.75);
      ctx.lineWidth = ch / 7;
      ctx.strokeStyle = dark ? grey(95) : rnd() < 0.7 ? grey(8) : hsl(pick(20, 40));
      for (let line = -h / 2 + ch * 0.6; line + ch < h / 2; line += ch * 1.6) {
        text(-w / 2 + ch * 0.6, line, Math.floor((w - 1.2 * ch) / (cw * 1.25) * pick(0.5, 1)), cw, ch);
      }
    });
  }

  function barcode(x: number, y: number) {
    const [w, h] = [pick(90, 220), pick(40, 90)];
    at(x, y, pick(-0.3, 0.3), () => {
      ctx.fillStyle = "#fff";
      ctx.fillRect(-w / 2 - 8, -h / 2 - 8, w + 16, h + 28);
      ctx.fillStyle = "#000";
      for (let bx = -w / 2; bx < w / 2;) {
        const bw = 1 + Math.floor(rnd() * 4);
        if (rnd() < 0.5) ctx.fillRect(bx, -h / 2, bw, h);
        bx += bw;
      }
      ctx.strokeStyle = "#000";
      ctx.lineWidth = 1.5;
      text(-w / 2, h / 2 + 4, Math.floor(w / 10), 7, 10);
    });
  }

  function qr(x: number, y: number) {
    const n = 11 + 2 * Math.floor(rnd() * 6);
    const m = pick(4, 9);
    at(x, y, pick(-0.8, 0.8), () => {
      const o = (-n * m) / 2;
      ctx.fillStyle = "#fff";
      ctx.fillRect(o - 2 * m, o - 2 * m, (n + 4) * m, (n + 4) * m);
      ctx.fillStyle = "#000";
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (rnd() < 0.5) ctx.fillRect(o + i * m, o + j * m, m, m);
      for (const [i, j] of [[0, 0], [n - 7, 0], [0, n - 7]]) {
        ctx.fillRect(o + i * m, o + j * m, 7 * m, 7 * m);
        ctx.fillStyle = "#fff";
        ctx.fillRect(o + (i + 1) * m, o + (j + 1) * m, 5 * m, 5 * m);
        ctx.fillStyle = "#000";
        ctx.fillRect(o + (i + 2) * m, o + (j + 2) * m, 3 * m, 3 * m);
      }
    });
  }

  function stripes(x: number, y: number) {
    const [w, h] = [pick(120, 320), pick(30, 70)];
    at(x, y, pick(-1, 1), () => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(-w / 2, -h / 2, w, h);
      ctx.clip();
      ctx.fillStyle = "#f5c400";
      ctx.fillRect(-w / 2, -h / 2, w, h);
      ctx.fillStyle = "#111";
      for (let sx = -w / 2 - h; sx < w / 2; sx += h) {
        ctx.beginPath();
        ctx.moveTo(sx, h / 2);
        ctx.lineTo(sx + h / 2, h / 2);
        ctx.lineTo(sx + h, -h / 2);
        ctx.lineTo(sx + h / 2, -h / 2);
        ctx.fill();
      }
      ctx.restore();
    });
  }

  /** A screw head (slot, cross or hex socket) or a hex nut, lit from the top left. */
  function screw(x: number, y: number, r: number) {
    const kind = Math.floor(rnd() * 4);
    at(x, y, rnd() * Math.PI, () => {
      ctx.fillStyle = "rgba(0,0,0,0.35)";
      ctx.beginPath();
      ctx.arc(r * 0.12, r * 0.12, r * 1.05, 0, 2 * Math.PI);
      ctx.fill();
      const metal = ctx.createRadialGradient(-r / 3, -r / 3, r / 10, 0, 0, r);
      const tone = pick(55, 85);
      metal.addColorStop(0, grey(Math.min(98, tone + 20)));
      metal.addColorStop(1, rnd() < 0.3 ? hsl(tone - 30, 45) : grey(tone - 35));
      ctx.fillStyle = metal;
      ctx.strokeStyle = grey(15);
      ctx.lineWidth = Math.max(1.5, r / 12);
      ctx.beginPath();
      if (kind === 3) {
        for (let i = 0; i < 6; i++) ctx.lineTo(r * Math.cos((i * Math.PI) / 3), r * Math.sin((i * Math.PI) / 3));
      } else ctx.arc(0, 0, r, 0, 2 * Math.PI);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = grey(12);
      const [l, t] = [r * 1.3, r * 0.22];
      if (kind === 0) ctx.fillRect(-l / 2, -t / 2, l, t);
      if (kind === 1) {
        ctx.fillRect(-l / 2, -t / 2, l, t);
        ctx.fillRect(-t / 2, -l / 2, t, l);
      }
      if (kind >= 2) {
        ctx.beginPath();
        if (kind === 3) ctx.arc(0, 0, r * 0.5, 0, 2 * Math.PI);
        else {for (let i = 0; i < 6; i++) {
            ctx.lineTo(r * 0.4 * Math.cos((i * Math.PI) / 3), r * 0.4 * Math.sin((i * Math.PI) / 3));
          }}
        ctx.fill();
      }
    });
  }

  fields();
  for (let i = 0; i < 4000; i++) shape();
  for (let i = 0; i < 80; i++) label(pick(0, W), pick(0, H), pick(70, 300), pick(26, 140));
  for (let i = 0; i < 12; i++) barcode(pick(0, W), pick(0, H));
  for (let i = 0; i < 18; i++) qr(pick(0, W), pick(0, H));
  for (let i = 0; i < 10; i++) stripes(pick(0, W), pick(0, H));
  for (let i = 0; i < 60; i++) screw(pick(0, W), pick(0, H), size(10, 55));
  // Something to point at near the middle of the world (the frame centre at rest).
  label(W / 2 - 150, H / 2 + 90, 230, 90);
  screw(W / 2 + 40, H / 2 - 20, 46);
  screw(W / 2 - 90, H / 2 - 110, 26);
  keepAnnotationYellow();

  /**
   * No part of the world has the colour of the technician's marks (#ffd400 and near it), so a test can
   * find a mark drawn over the picture by its colour: such pixels turn orange.
   */
  function keepAnnotationYellow() {
    const img = ctx.getImageData(0, 0, W, H);
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 150 && d[i + 1] > 120 && d[i + 2] < 170 && d[i + 1] > d[i + 2] + 40) d[i + 1] = d[i + 1] * 0.55;
    }
    ctx.putImageData(img, 0, 0);
  }
}
