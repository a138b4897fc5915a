'use client';

import { MODE_LABEL, modesFor, type EditingMode } from '@/lib/editor/suggestions/modes';
import type { Role } from '@/lib/domain/roles';

const MODE_HINT: Record<EditingMode, string> = {
  editing: 'Edit the text directly',
  suggesting: 'What you type or delete becomes a suggestion others can accept or reject',
  viewing: 'Read without changing anything',
};

/** Editing / Suggesting / Viewing, at the start of the toolbar; hidden when the role allows only one. */
export function ModeSwitch({ role, mode, onChange }: { role: Role; mode: EditingMode; onChange: (mode: EditingMode) => void }) {
  const modes = modesFor(role);
  if (modes.length < 2) return null;
  // A radio group: one tab stop, arrow keys move the choice (and the focus) along it.
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = modes[(modes.indexOf(mode) + step + modes.length) % modes.length]!;
    onChange(next);
    // The toolbar may be redrawn for the new mode, so find the option again once it has been.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.mode-switch .mode-switch__option--${next}`)?.focus());
  };
  return (
    <div className="mode-switch" role="radiogroup" aria-label="Mode" onKeyDown={onKeyDown}>
      {modes.map((each) => (
        <button
          key={each}
          type="button"
          role="radio"
          aria-checked={mode === each}
          tabIndex={mode === each ? 0 : -1}
          title={MODE_HINT[each]}
          className={`mode-switch__option mode-switch__option--${each}`}
          onClick={() => onChange(each)}
        >
          {MODE_LABEL[each]}
        </button>
      ))}
    </div>
  );
}
