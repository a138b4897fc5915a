/** "/home/ada/drafts/The Salt Road.final.md" → "The Salt Road.final": no folders, no extension. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]+$/, '').trim();
}
