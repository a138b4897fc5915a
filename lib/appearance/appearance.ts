import { z } from 'zod';

/**
 * How the writing room looks and behaves on screen, per writer: theme, the text's font and size,
 * typewriter scrolling and focus mode. Screen only: exports never read it.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export const TEXT_FONTS = ['literata', 'classic', 'typewriter', 'sans'] as const;
export const TEXT_SIZES = ['small', 'medium', 'large', 'larger'] as const;

export const appearanceSchema = z.object({
  theme: z.enum(THEMES).catch('system'),
  font: z.enum(TEXT_FONTS).catch('literata'),
  size: z.enum(TEXT_SIZES).catch('medium'),
  typewriter: z.boolean().catch(false),
  focus: z.boolean().catch(false),
});

export type Appearance = z.infer<typeof appearanceSchema>;

/** What a writer may send: every field, strictly (a bad value is refused, not silently replaced). */
export const appearanceInput = z.strictObject({
  theme: z.enum(THEMES),
  font: z.enum(TEXT_FONTS),
  size: z.enum(TEXT_SIZES),
  typewriter: z.boolean(),
  focus: z.boolean(),
});

export const DEFAULT_APPEARANCE: Appearance = { theme: 'system', font: 'literata', size: 'medium', typewriter: false, focus: false };

export const THEME_LABEL: Record<Appearance['theme'], string> = { system: 'As the system', light: 'Light', dark: 'Dark' };
export const FONT_LABEL: Record<Appearance['font'], string> = {
  literata: 'Literata (book serif)',
  classic: 'Times-like serif',
  typewriter: 'Courier-like typewriter',
  sans: 'Sans serif',
};
export const SIZE_LABEL: Record<Appearance['size'], string> = { small: 'Small', medium: 'Medium', large: 'Large', larger: 'Larger' };

/** Reads stored or posted settings; anything unknown or missing falls back to its default. */
export function parseAppearance(value: unknown): Appearance {
  const object = typeof value === 'object' && value !== null ? value : {};
  return appearanceSchema.parse({ ...DEFAULT_APPEARANCE, ...object });
}

/** The account's stored settings (or null), read leniently: a damaged row means the defaults. */
export function appearanceFromStored(stored: unknown): Appearance {
  try {
    return parseAppearance(stored);
  } catch {
    return { ...DEFAULT_APPEARANCE };
  }
}

/** Each field on its own, strict: a device's stored value is used only where it is valid. */
const FIELD_SCHEMAS = appearanceInput.shape;

/** A device's own choices (only the valid fields it set) over the account's. */
export function mergeAppearance(account: Appearance, device: Record<string, unknown> | null): Appearance {
  const merged: Record<string, unknown> = { ...account };
  for (const [key, schema] of Object.entries(FIELD_SCHEMAS)) {
    const parsed = schema.safeParse(device?.[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as Appearance;
}

/** The <html> attributes the stylesheet keys on. */
export function appearanceAttributes(appearance: Appearance): Record<string, string> {
  return {
    'data-theme': appearance.theme,
    'data-text-font': appearance.font,
    'data-text-size': appearance.size,
    'data-typewriter': String(appearance.typewriter),
    'data-focus-mode': String(appearance.focus),
  };
}

/** Where a device keeps its own override (localStorage). */
export const DEVICE_APPEARANCE_KEY = 'scriptorium.appearance';

/**
 * A tiny script for <head>, run before the first paint: this device's own choices (localStorage)
 * over the account's, so a dark room never flashes white. Only known values are applied.
 */
export function deviceOverrideScript(): string {
  const allowed = { theme: THEMES, font: TEXT_FONTS, size: TEXT_SIZES, typewriter: [true, false], focus: [true, false] };
  const attribute = { theme: 'data-theme', font: 'data-text-font', size: 'data-text-size', typewriter: 'data-typewriter', focus: 'data-focus-mode' };
  return `(function(){try{var d=JSON.parse(localStorage.getItem(${JSON.stringify(DEVICE_APPEARANCE_KEY)})||'null');if(!d||typeof d!=='object')return;var a=${JSON.stringify(allowed)},n=${JSON.stringify(attribute)},h=document.documentElement;for(var k in a){if(a[k].indexOf(d[k])>=0)h.setAttribute(n[k],String(d[k]));}}catch(e){}})();`;
}
