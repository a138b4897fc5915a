'use client';

import { MODE_LABEL, modesFor, type EditingMode } from '@/lib/editor/suggestions/modes';
import type { Role } from '@/lib/access/roles';

const MODE_HINT: Record<EditingMode, string> = {
  editing: 'Edit the text directly',
  suggesting: 'What you type or delete becomes a suggestion others can accept or reject',
  viewing: 'Read without changing anything',
};

/** Editing / Suggesting / Viewing, at the start of the toolbar; hidden when the role allows only one. */
export function ModeSwitch({ role, mode, onChange }: { role: Role; mode: EditingMode; onChange: (mode: EditingMode) => void }) {
  const modes = modesFor(role);
  if (modes.length < 2) return null;
  return (
    <div className="mode-switch" role="radiogroup" aria-label="Mode">
      {modes.map((each) => (
        <button key={each} type="button" role="radio" aria-checked={mode === each} title={MODE_HINT[each]} className={`mode-switch__option mode-switch__option--${each}`} onClick={() => onChange(each)}>
          {MODE_LABEL[each]}
        </button>
      ))}
    </div>
  );
}
