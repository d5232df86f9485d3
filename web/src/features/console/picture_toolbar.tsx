import { t } from "../../lib/i18n.ts";
import type { DrawTool } from "../../lib/annotations.ts";
import type { MessageKey } from "../../messages/en.ts";
import type { ConsoleModel } from "./model.ts";

const DRAW_TOOLS: [DrawTool, MessageKey][] = [
  ["draw", "console.tool.draw"],
  ["arrow", "console.tool.arrow"],
  ["circle", "console.tool.circle"],
];

/** Drawing tools and stills: Draw, Arrow, Circle, Undo, Clear; Freeze / Unfreeze, HD photo. */
export function PictureToolbar({ model }: { model: ConsoleModel }) {
  const tools = model.live.tools.value!;
  const tool = tools.tool.value;
  const still = tools.still.value;
  const hasShapes = tools.drawing.shapes.value.length > 0;
  const canCapture = !!model.live.videoTrack.value && !model.live.held.value;
  // The HD photo hint (active_session_view.tsx) points here.
  const suggested = model.live.photoHint.value;
  return (
    <div role="toolbar" class="video-tools" aria-label={t("console.tool.toolbar")}>
      {DRAW_TOOLS.map(([name, label]) => (
        <button
          key={name}
          type="button"
          aria-pressed={tool === name}
          onClick={() => tools.chooseTool(name)}
        >
          {t(label)}
        </button>
      ))}
      <button type="button" disabled={!hasShapes} onClick={tools.undo}>{t("console.tool.undo")}</button>
      <button type="button" disabled={!hasShapes} onClick={tools.clear}>{t("console.tool.clear")}</button>
      {still
        ? <button type="button" onClick={tools.unfreeze}>{t("console.tool.unfreeze")}</button>
        : (
          <button type="button" disabled={!canCapture} onClick={() => tools.requestStill("freeze")}>
            {t("console.tool.freeze")}
          </button>
        )}
      <button
        type="button"
        class={suggested ? "suggested" : undefined}
        aria-describedby={suggested ? "photo-hint" : undefined}
        disabled={!canCapture || (!!still && !still.url && !still.failed)}
        onClick={() => tools.requestStill("photo")}
      >
        {t("console.tool.photo")}
      </button>
    </div>
  );
}
