import type { ComponentChildren } from "preact";
import { t } from "../../lib/i18n.ts";
import type { DrawTool } from "../../lib/annotations.ts";
import type { MessageKey } from "../../messages/en.ts";
import { Icon } from "../../ui/icons.tsx";
import { consoleIcons as icons } from "./icon_paths.ts";
import type { ConsoleModel } from "./model.ts";

const DRAW_TOOLS: [DrawTool, MessageKey][] = [
  ["draw", "console.tool.draw"],
  ["arrow", "console.tool.arrow"],
  ["circle", "console.tool.circle"],
];

/** One drawing tool, pressed while chosen. */
export function DrawToolButton(
  { model, tool, label, icon }: { model: ConsoleModel; tool: DrawTool; label: MessageKey; icon?: ComponentChildren },
) {
  const tools = model.live.tools.value!;
  return (
    <button type="button" aria-pressed={tools.tool.value === tool} onClick={() => tools.chooseTool(tool)}>
      {icon}
      <span class="tool-label">{t(label)}</span>
    </button>
  );
}

/** A setting of the drawing that stays on until pressed again (Pin to screen, Freeze while drawing). */
function Toggle({ on, label, hint, onClick }: { on: boolean; label: MessageKey; hint: MessageKey; onClick(): void }) {
  return <button type="button" aria-pressed={on} title={t(hint)} onClick={onClick}>{t(label)}</button>;
}

/** Freeze the customer's picture, or Unfreeze while a still is shown. */
export function FreezeButton({ model, withIcon = false }: { model: ConsoleModel; withIcon?: boolean }) {
  const tools = model.live.tools.value!;
  const canCapture = !!model.live.videoTrack.value && !model.live.held.value;
  return tools.still.value
    ? (
      <button type="button" onClick={tools.unfreeze}>
        {withIcon && <Icon path={icons.live} />}
        <span class="tool-label">{t("console.tool.unfreeze")}</span>
      </button>
    )
    : (
      <button type="button" disabled={!canCapture} onClick={() => tools.requestStill("freeze")}>
        {withIcon && <Icon path={icons.freeze} />}
        <span class="tool-label">{t("console.tool.freeze")}</span>
      </button>
    );
}

/**
 * Drawing tools and stills: Draw, Arrow, Circle, Undo, Clear, Pin to screen, Freeze while drawing; Freeze /
 * Unfreeze, HD photo. In the phone
 * layout's More panel (`compact`) without Arrow and Freeze, which are on the toolbar itself.
 */
export function PictureToolbar({ model, compact = false }: { model: ConsoleModel; compact?: boolean }) {
  const tools = model.live.tools.value!;
  const still = tools.still.value;
  const hasShapes = tools.drawing.shapes.value.length > 0;
  const canCapture = !!model.live.videoTrack.value && !model.live.held.value;
  // The HD photo hint (active_session_view.tsx) points here.
  const suggested = model.live.photoHint.value;
  return (
    <div role="toolbar" class="video-tools" aria-label={t("console.tool.toolbar")}>
      {DRAW_TOOLS.filter(([name]) => !compact || name !== "arrow").map(([name, label]) => (
        <DrawToolButton key={name} model={model} tool={name} label={label} />
      ))}
      <button type="button" disabled={!hasShapes} onClick={tools.undo}>{t("console.tool.undo")}</button>
      <button type="button" disabled={!hasShapes} onClick={tools.clear}>{t("console.tool.clear")}</button>
      <Toggle on={tools.pin.value} label="console.tool.pin" hint="console.tool.pinHint" onClick={tools.togglePin} />
      <Toggle
        on={tools.freezeToDraw.value}
        label="console.tool.freezeToDraw"
        hint="console.tool.freezeToDrawHint"
        onClick={tools.toggleFreezeToDraw}
      />
      {!compact && <FreezeButton model={model} />}
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
