import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ServiceWorkerRegistration } from '@/components/ServiceWorkerRegistration';
import { brandColour } from '@/components/ui/brand';
import { config } from '@/server/config';
import './globals.css';

export function generateMetadata(): Metadata {
  return { title: config.productName, description: `Sign in to ${config.productName}` };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: brandColour };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
