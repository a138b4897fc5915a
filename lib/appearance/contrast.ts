/** WCAG 2 contrast between two opaque sRGB colours written as #rrggbb: 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function channels(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** `color-mix(in srgb, a share%, b)`, as the stylesheet mixes writers' colours for the dark theme. */
export function mix(a: string, share: number, b: string): string {
  const [x, y] = [channels(a), channels(b)];
  return `#${x.map((value, i) => Math.round(value * share + y[i]! * (1 - share)).toString(16).padStart(2, '0')).join('')}`;
}
