import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

const FOCUSABLE = "button:not(:disabled), input:not(:disabled), select:not(:disabled)";

/**
 * A button that shows and hides a panel of further controls (the disclosure pattern, `aria-expanded`):
 * the panel holds buttons with their own roles, pressed states and sliders, which `role="menu"` would
 * not allow. Opening focuses the first control; Escape, or a click outside, closes it and focus returns
 * to the button; the up and down arrow keys move between the controls.
 */
export function MoreMenu(
  { id, label, icon, children }: { id: string; label: string; icon?: ComponentChildren; children: ComponentChildren },
) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    (panelRef.current?.querySelector(FOCUSABLE) as HTMLElement | null)?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type === "range") return;
    const items = [...panelRef.current!.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const at = items.indexOf(target);
    items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
    e.preventDefault();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        class="more-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {icon}
        <span class="tool-label">{label}</span>
      </button>
      <div
        id={id}
        ref={panelRef}
        role="group"
        aria-label={label}
        class="more-panel"
        hidden={!open}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </>
  );
}
