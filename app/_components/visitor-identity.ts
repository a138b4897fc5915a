'use client';

import { z } from 'zod';
import { pickCaretColor } from '@/lib/collab/identity';

export type VisitorIdentity = { name: string; color: string };

const STORAGE_KEY = 'scriptorium.identity';
const identitySchema = z.object({ name: z.string().trim().min(1).max(60), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) });

/** The display name this browser chose, until accounts replace it. */
export function loadVisitorIdentity(): VisitorIdentity | null {
  try {
    const parsed = identitySchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveVisitorIdentity(name: string): VisitorIdentity {
  const identity = { name: name.trim().slice(0, 60), color: loadVisitorIdentity()?.color ?? pickCaretColor() };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  return identity;
}
