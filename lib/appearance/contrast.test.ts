import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARET_COLORS } from '../collab/identity';
import { contrastRatio, mix } from './contrast';

// The themes' colours as the stylesheet has them, so this checks what writers see.
const css = `\n${fs.readFileSync(path.join(process.cwd(), 'app', 'globals.css'), 'utf8')}`;
/** The colour tokens set by every top-level rule with exactly this selector, later ones winning. */
function tokens(selector: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (let start = css.indexOf(`\n${selector} {`); start >= 0; start = css.indexOf(`\n${selector} {`, start + 1)) {
    const block = css.slice(start, css.indexOf('}', start));
    for (const m of block.matchAll(/--([\w-]+):\s*#([0-9a-f]{6}|[0-9a-f]{3})\b/gi)) found[m[1]!] = `#${m[2]!.length === 3 ? [...m[2]!].map((c) => c + c).join('') : m[2]!}`;
  }
  return found;
}
const light = tokens(':root');
const dark = { ...light, ...tokens(":root[data-theme='dark']") };

describe('colour contrast in both themes', () => {
  it.each([['light', light], ['dark', dark]])('%s: text, quiet text and links read at 4.5:1 on the page and the desk', (_name, theme) => {
    for (const ground of [theme.paper!, theme.desk!]) {
      expect(contrastRatio(theme.ink!, ground)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme['ink-soft']!, ground)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme.accent!, ground)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(theme['on-accent']!, theme.accent!)).toBeGreaterThanOrEqual(4.5);
  });

  it('your own caret (the accent) stands out from the page in both themes', () => {
    expect(contrastRatio(light.accent!, light.paper!)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark.accent!, dark.paper!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(CARET_COLORS)("co-author colour %s: white label text 4.5:1, caret line 3:1 on light paper; lightened name and halo readable in the dark", (color) => {
    expect(contrastRatio('#ffffff', color)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(color, light.paper!)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(mix(color, 0.45, '#ffffff'), dark.paper!)).toBeGreaterThanOrEqual(4.5);
    // The dark theme's halo: white at 75 % over the page, around every co-author's caret.
    expect(contrastRatio(mix('#ffffff', 0.75, dark.paper!), dark.paper!)).toBeGreaterThanOrEqual(3);
  });
});
