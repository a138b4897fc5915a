'use client';

import { useSyncExternalStore } from 'react';

const local = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const utc = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const noChanges = () => () => {};

/** A moment as the writer's own clock reads it; the server, which knows no time zone, renders UTC first. */
export function useLocalDateTime(iso: string): string {
  return useSyncExternalStore(
    noChanges,
    () => local.format(new Date(iso)),
    () => `${utc.format(new Date(iso))} UTC`,
  );
}

export function LocalDateTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{useLocalDateTime(iso)}</time>;
}
