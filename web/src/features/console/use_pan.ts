import { useEffect, useRef, useState } from "preact/hooks";

/**
 * Moving a zoomed picture: drag it, or arrow keys while the picture has focus. Reset when the zoom or
 * fit changes or panning is not possible (not zoomed in, or a drawing tool takes the pointer).
 */
export function usePan(enabled: boolean, resetOn: unknown[]) {
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  useEffect(() => setPan({ x: 0, y: 0 }), [...resetOn, enabled]);
  const handlers = enabled
    ? {
      onPointerDown(e: PointerEvent) {
        drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y, id: e.pointerId };
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
      },
      onPointerMove(e: PointerEvent) {
        const d = drag.current;
        if (d?.id === e.pointerId) setPan({ x: e.clientX - d.x, y: e.clientY - d.y });
      },
      onPointerUp() {
        drag.current = null;
      },
      onKeyDown(e: KeyboardEvent) {
        const step = e.shiftKey ? 200 : 40;
        const moves: Record<string, [number, number]> = {
          ArrowLeft: [step, 0],
          ArrowRight: [-step, 0],
          ArrowUp: [0, step],
          ArrowDown: [0, -step],
        };
        const move = moves[e.key];
        if (!move) return;
        e.preventDefault();
        setPan((p) => ({ x: p.x + move[0], y: p.y + move[1] }));
      },
    }
    : {};
  return { pan: enabled ? pan : { x: 0, y: 0 }, panning: enabled, handlers };
}
