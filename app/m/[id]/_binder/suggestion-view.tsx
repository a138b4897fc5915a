'use client';

import type { SuggestionView } from '@/lib/manuscript/word-count';

/** Counting and reading suggestions: the original text, or as if every suggestion were accepted. */
export function SuggestionViewSwitch({ value, onChange }: { value: SuggestionView; onChange: (view: SuggestionView) => void }) {
  return (
    <label className="suggestion-view small">
      <span className="muted">Suggestions: </span>
      <select aria-label="Count and read suggestions as" value={value} onChange={(event) => onChange(event.target.value as SuggestionView)}>
        <option value="original">Original text</option>
        <option value="accepted">As if all accepted</option>
      </select>
    </label>
  );
}
