/**
 * A line icon for a button (24×24, `currentColor`, drawn by `.icon` in base.css), hidden from screen
 * readers: the button's text names it. The paths are the page's own (`features/customer/icon_paths.ts`,
 * `features/console/icon_paths.ts`), so neither page downloads the other's.
 */
export function Icon({ path }: { path: string }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={path} />
    </svg>
  );
}
