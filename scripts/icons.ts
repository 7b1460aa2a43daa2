// Draws the installed app's icons (public/icons/) and the tab's icon (app/icon.svg) from the brand mark; run once
// after the mark changes:
// node --import tsx scripts/icons.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { appIcons, brandMarkSvg } from '@/components/ui/brand';

for (const icon of appIcons) {
  const file = path.join('public', icon.src);
  await sharp(Buffer.from(brandMarkSvg(icon.purpose === 'maskable' ? 'fullBleed' : 'rounded', icon.size)))
    .png({ compressionLevel: 9 })
    .toFile(file);
  console.log(`${file}: ${icon.size} × ${icon.size}, ${icon.purpose}`);
}
// The tab's icon: Next.js links it from every page, so no browser asks for a /favicon.ico that is not there.
writeFileSync(path.join('app', 'icon.svg'), `${brandMarkSvg('rounded', 32)}\n`);
console.log('app/icon.svg: 32 × 32, rounded');
