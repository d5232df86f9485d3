/**
 * Line icons for buttons over a picture (24×24, `currentColor`, hidden from screen readers: the button's
 * text names it). Drawn by `.icon` in base.css.
 */
const icon = (d: string) => () => (
  <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
    <path d={d} />
  </svg>
);

const MIC = "M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21";

export const MicIcon = icon(MIC);
export const MicOffIcon = icon(`${MIC}M3.5 3.5l17 17`);
export const SwitchCameraIcon = icon(
  "M3 8h4l2-3h6l2 3h4v11H3zM9 13a3 3 0 0 1 5.2-2M15 13a3 3 0 0 1-5.2 2M14.2 9v2h-2M9.8 17v-2h2",
);
export const FlashlightIcon = icon("M7 3h10v3l-3 4v11h-4V10L7 6zM12 13v2");
export const ChatIcon = icon("M4 5h16v11H10l-5 4v-4H4z");
export const EndIcon = icon("M12 3v8M7 5.8a8 8 0 1 0 10 0");
