// The brand, said once for the page, the manifest, the icons and the offline page (globals.css repeats the colours:
// CSS cannot import them).

/** The brand's blue: the mark's tile, the primary buttons, the installed app's title bar. */
export const brandColour = '#1d4ed8';
/** The page's backdrop: the installed app's splash screen. */
export const backdropColour = '#eef2f8';
/** The mark's stroke, drawn white on the blue tile in a 32 × 32 box. */
export const brandMarkPath = 'M9 21.5c4-1 6.5-4.5 7-11 .5 6.5 3 10 7 11';

/**
 * The mark as an SVG document: on the page's rounded tile, or full-bleed for maskable icons, whose platform cuts
 * its own shape (the mark then shrinks to stay well inside the safe circle).
 */
export function brandMarkSvg(tile: 'rounded' | 'fullBleed', size: number) {
  const [corner, markScale] = tile === 'rounded' ? [8, 1] : [0, 0.8];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32" aria-hidden="true">
<rect width="32" height="32" rx="${corner}" fill="${brandColour}"/>
<path d="${brandMarkPath}" transform="translate(16 16) scale(${markScale}) translate(-16 -16)" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>
</svg>`;
}

/** The installed app's icons, as the manifest lists them and scripts/icons.ts draws them. */
export const appIcons = [
  { src: '/icons/icon-192.png', size: 192, purpose: 'any' },
  { src: '/icons/icon-512.png', size: 512, purpose: 'any' },
  { src: '/icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
] as const;
