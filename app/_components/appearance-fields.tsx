'use client';

import { FONT_LABEL, SIZE_LABEL, TEXT_FONTS, TEXT_SIZES, THEME_LABEL, THEMES, type Appearance } from '@/lib/appearance/appearance';

/** The writing room's choices as form fields; `idPrefix` keeps two copies on one page apart. */
export function AppearanceFields({ value, onChange, idPrefix }: { value: Appearance; onChange: (change: Partial<Appearance>) => void; idPrefix: string }) {
  return (
    <>
      <fieldset className="choice-row">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="check">
            <input type="radio" name={`${idPrefix}-theme`} value={theme} checked={value.theme === theme} onChange={() => onChange({ theme })} />
            {THEME_LABEL[theme]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${idPrefix}-font`}>Text font on screen</label>
      <select id={`${idPrefix}-font`} value={value.font} onChange={(event) => onChange({ font: event.target.value as Appearance['font'] })}>
        {TEXT_FONTS.map((font) => (
          <option key={font} value={font}>
            {FONT_LABEL[font]}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-size`}>Text size on screen</label>
      <select id={`${idPrefix}-size`} value={value.size} onChange={(event) => onChange({ size: event.target.value as Appearance['size'] })}>
        {TEXT_SIZES.map((size) => (
          <option key={size} value={size}>
            {SIZE_LABEL[size]}
          </option>
        ))}
      </select>
      <p className="hint">Exports keep their own format (Standard Manuscript Format and so on).</p>
      <label className="check">
        <input type="checkbox" checked={value.typewriter} onChange={(event) => onChange({ typewriter: event.target.checked })} />
        Typewriter scrolling: the line you write stays at the same height
      </label>
      <label className="check">
        <input type="checkbox" checked={value.focus} onChange={(event) => onChange({ focus: event.target.checked })} />
        Focus mode: binder, margin and toolbar fade while you type (Control+Alt+Z)
      </label>
    </>
  );
}
