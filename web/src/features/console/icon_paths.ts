/** The console's icon paths (its compact toolbar), for `Icon` of `ui/icons.tsx`; never in a customer's download. */
export const consoleIcons = {
  mic: "M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM5 11a7 7 0 0 0 14 0M12 18v3",
  micOff:
    "M9 6a3 3 0 0 1 6 0v5M15 13.5A3 3 0 0 1 9 12M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3M3 3l18 18",
  hold: "M9 5v14M15 5v14",
  resume: "M7 4l13 8-13 8z",
  arrow: "M5 19L19 5M9 5h10v10",
  freeze: "M12 2v20M3.3 7l17.4 10M3.3 17L20.7 7M9 3.5l3 2 3-2M9 20.5l3-2 3 2",
  live: "M3 7a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM17 10l4-3v10l-4-3",
  chat: "M4 5h16v11H9l-5 4z",
  more: "M5 12h.01M12 12h.01M19 12h.01",
} as const;
