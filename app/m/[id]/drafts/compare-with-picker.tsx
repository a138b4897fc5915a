'use client';

import { useLocalDateTime } from './local-time';

export interface DraftChoice {
  id: string;
  name: string;
  createdAt: string;
  byline: string;
}

/** One option of the picker: name, date and time, and who (checkpoints all share a name). */
function DraftOption({ draft }: { draft: DraftChoice }) {
  const when = useLocalDateTime(draft.createdAt);
  return <option value={draft.id}>{[draft.name, when, draft.byline].filter(Boolean).join(' · ')}</option>;
}

/** Chooses what a draft is compared with: the current manuscript or another draft. */
export function CompareWithPicker({ selected, drafts }: { selected: string; drafts: DraftChoice[] }) {
  return (
    <form className="inline-form" method="get">
      <label htmlFor="with">Compare with</label>
      <select id="with" name="with" defaultValue={selected}>
        <option value="current">The current manuscript</option>
        {drafts.map((draft) => (
          <DraftOption key={draft.id} draft={draft} />
        ))}
      </select>
      <button type="submit" className="quiet">
        Compare
      </button>
    </form>
  );
}
