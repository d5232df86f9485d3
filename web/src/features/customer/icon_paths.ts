/** The customer's icon paths (the live screen's bar), for `Icon` of `ui/icons.tsx`; loaded with the live screen. */
const MIC = "M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21";

export const customerIcons = {
  mic: MIC,
  micOff: `${MIC}M3.5 3.5l17 17`,
  switchCamera: "M3 8h4l2-3h6l2 3h4v11H3zM9 13a3 3 0 0 1 5.2-2M15 13a3 3 0 0 1-5.2 2M14.2 9v2h-2M9.8 17v-2h2",
  flashlight: "M7 3h10v3l-3 4v11h-4V10L7 6zM12 13v2",
  chat: "M4 5h16v11H10l-5 4v-4H4z",
  end: "M12 3v8M7 5.8a8 8 0 1 0 10 0",
} as const;
