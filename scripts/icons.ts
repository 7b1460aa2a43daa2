// Draws the installed app's icons (public/icons/) from the brand mark; run once after the mark changes:
// node --import tsx scripts/icons.ts
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
