import type { MetadataRoute } from 'next';
import { appIcons, backdropColour, brandColour } from '@/components/ui/brand';
import { config } from '@/server/config';

// The product name is read at run time, as the pages read it.
export const dynamic = 'force-dynamic';

/** The web app manifest: what makes the app installable, and how it looks once installed. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: config.productName,
    short_name: config.productName,
    description: `Sign in to ${config.productName}`,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: brandColour,
    background_color: backdropColour,
    icons: appIcons.map(({ src, size, purpose }) => ({
      src,
      sizes: `${size}x${size}`,
      type: 'image/png',
      purpose,
    })),
  };
}
