import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@fontsource-variable/literata';
import './globals.css';

export const metadata: Metadata = {
  title: 'Scriptorium',
  description: 'Write your manuscript together.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
