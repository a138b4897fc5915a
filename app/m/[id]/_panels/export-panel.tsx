'use client';

import { DownloadLink } from '../../../_components/download-link';
import { Drawer } from './drawer';
import { useState } from 'react';
import type { ChangesView } from '@/lib/export/model';
import { PRESET_CHOICES, type ExportPreset } from '@/lib/export/presets';
import type { CommentsChoice } from '@/lib/export/threads';
import type { Binder } from '@/lib/manuscript/binder';

const FORMATS = [
  { value: 'docx', label: 'Word (DOCX), Standard Manuscript Format' },
  { value: 'pdf', label: 'PDF, Standard Manuscript Format' },
  { value: 'epub', label: 'EPUB, for e-readers' },
  { value: 'md', label: 'Markdown' },
  { value: 'html', label: 'Web page (HTML)' },
  { value: 'txt', label: 'Plain text' },
] as const;

const PURPOSES: { value: ExportPreset; label: string; hint: string }[] = [
  { value: 'submission', label: 'For submission', hint: 'Clean: no comments, no suggestions.' },
  { value: 'review', label: 'For review', hint: 'Comments and suggestions, for an editor who works in Word.' },
];

/**
 * A Word copy for review or for submission. Review carries the comment threads and the suggestions;
 * what each becomes is two calm choices under it. Submission is clean, as every export was.
 */
function DocxPurpose({ preset, comments, changes, onChange }: { preset: ExportPreset; comments: CommentsChoice; changes: ChangesView; onChange: (next: { preset?: ExportPreset; comments?: CommentsChoice; changes?: ChangesView }) => void }) {
  return (
    <div className="export-purpose">
      <fieldset className="export-choice">
        <legend>This copy is</legend>
        {PURPOSES.map((purpose) => (
          <div key={purpose.value}>
            <label className="check">
              <input
                type="radio"
                name="export-purpose"
                value={purpose.value}
                checked={preset === purpose.value}
                aria-describedby={`export-purpose-${purpose.value}`}
                onChange={() => onChange({ preset: purpose.value })}
              />
              {purpose.label}
            </label>
            <p id={`export-purpose-${purpose.value}`} className="muted small export-hint">
              {purpose.hint}
            </p>
          </div>
        ))}
      </fieldset>
      {preset === 'review' ? (
        <div className="export-options export-review">
          <label htmlFor="export-comments">Comments</label>
          <select id="export-comments" value={comments} onChange={(event) => onChange({ comments: event.target.value as CommentsChoice })}>
            <option value="all">All threads (resolved ones marked)</option>
            <option value="open">Open threads only</option>
            <option value="none">None</option>
          </select>
          <label htmlFor="export-changes">Suggestions</label>
          <select id="export-changes" value={changes} onChange={(event) => onChange({ changes: event.target.value as ChangesView })}>
            <option value="tracked">As tracked changes</option>
            <option value="accepted">Accepted into the text</option>
            <option value="original">Left out</option>
          </select>
        </div>
      ) : null}
    </div>
  );
}

/** Choose a format and chapters; the download comes straight from the server's stored copy. */
export function ExportPanel({ manuscriptId, binder, onClose }: { manuscriptId: string; binder: Binder; onClose: () => void }) {
  const chapters: { id: string; title: string }[] = [];
  const collect = (nodes: Binder['roots']) =>
    nodes.forEach((node) => (node.kind === 'chapter' ? chapters.push({ id: node.id, title: node.title }) : node.kind === 'part' ? collect(node.children) : null));
  collect(binder.roots);
  const [format, setFormat] = useState<(typeof FORMATS)[number]['value']>('docx');
  const [font, setFont] = useState('modern');
  const [paper, setPaper] = useState('letter');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [review, setReview] = useState({ preset: 'submission' as ExportPreset, ...PRESET_CHOICES.review });
  const selected = chosen ?? new Set(chapters.map((chapter) => chapter.id));
  const query = new URLSearchParams({ format, font, paper });
  if (format === 'docx' && review.preset === 'review') {
    query.set('preset', 'review');
    query.set('comments', review.comments);
    query.set('changes', review.changes);
  }
  if (chosen && selected.size < chapters.length) query.set('chapters', [...selected].join(','));
  const href = `/api/manuscripts/${manuscriptId}/export?${query}`;

  return (
    <Drawer label="Export" title="Export" className="export-panel" onClose={onClose}>
      <label htmlFor="export-format">Format</label>
      <select id="export-format" value={format} onChange={(event) => setFormat(event.target.value as typeof format)}>
        {FORMATS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {format === 'docx' ? <DocxPurpose {...review} onChange={(next) => setReview({ ...review, ...next })} /> : null}
      {format === 'docx' || format === 'pdf' ? (
        <div className="export-options">
          <label htmlFor="export-font">Typeface</label>
          <select id="export-font" value={font} onChange={(event) => setFont(event.target.value)}>
            <option value="modern">Modern (Times New Roman)</option>
            <option value="classic">Classic (Courier)</option>
          </select>
          <label htmlFor="export-paper">Paper</label>
          <select id="export-paper" value={paper} onChange={(event) => setPaper(event.target.value)}>
            <option value="letter">Letter</option>
            <option value="a4">A4</option>
          </select>
        </div>
      ) : null}
      {chapters.length > 1 ? (
        <fieldset className="export-chapters">
          <legend>Chapters</legend>
          {chapters.map((chapter) => (
            <label key={chapter.id} className="check">
              <input
                type="checkbox"
                checked={selected.has(chapter.id)}
                onChange={(event) => {
                  const next = new Set(selected);
                  if (event.target.checked) next.add(chapter.id);
                  else next.delete(chapter.id);
                  setChosen(next);
                }}
              />
              {chapter.title || 'Untitled chapter'}
            </label>
          ))}
        </fieldset>
      ) : null}
      {selected.size === 0 ? (
        <p className="muted small">Choose at least one chapter.</p>
      ) : (
        <DownloadLink className="button-link" href={href}>
          Download
        </DownloadLink>
      )}
    </Drawer>
  );
}
