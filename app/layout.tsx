import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import '@fontsource-variable/literata';
import { appearanceAttributes, appearanceFromStored, DEFAULT_APPEARANCE, deviceOverrideScript } from '@/lib/appearance/appearance';

import { getCurrentUser } from './_server/current-user';
import { getStorage } from './_server/storage';
import './globals.css';

export const metadata: Metadata = {
  title: 'Scriptorium',
  description: 'Write your manuscript together.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so each carries its own CSP nonce (proxy.ts).
  await connection();
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const user = await getCurrentUser();
  // The account's choices are rendered in; this device's own (localStorage) are applied before paint.
  const appearance = user ? appearanceFromStored(await (await getStorage()).users.getAppearance(user.id)) : DEFAULT_APPEARANCE;
  return (
    <html lang="en" {...appearanceAttributes(appearance)} suppressHydrationWarning>
      <head>
        <meta name="scriptorium-appearance" content={JSON.stringify(appearance)} />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: deviceOverrideScript() }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
