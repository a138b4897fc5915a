/** Who a draft or checkpoint speaks for, as a writer reads it: "saved by Ada" or "changes by Ada, Ben". */
export function draftByline(row: { kind: 'draft' | 'checkpoint'; createdByName: string | null; changedBy: string }): string {
  const changedBy = row.changedBy.trim();
  if (row.kind === 'draft') return row.createdByName ? `saved by ${row.createdByName}` : '';
  return changedBy ? `changes by ${changedBy}` : 'no new changes';
}
