/** Caret colours chosen to stay legible as a label background behind white text. */
export const CARET_COLORS = ['#b5446e', '#2f6f9f', '#3f7f4f', '#8a5a2b', '#6a4c93', '#b0532c', '#2c7a7b', '#8c3b3b'];

export function pickCaretColor(random: () => number = Math.random): string {
  return CARET_COLORS[Math.floor(random() * CARET_COLORS.length)] ?? CARET_COLORS[0]!;
}
