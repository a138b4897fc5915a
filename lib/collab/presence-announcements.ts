/**
 * What a screen reader is told when co-authors come and go: "Ben joined", "Ben left". Only arrivals
 * and departures are announced, never carets moving or keystrokes. Names are compared as people,
 * so the same person in two tabs is one arrival.
 */
export function presenceAnnouncements(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const is = new Set(after);
  const joined = [...is].filter((name) => !was.has(name));
  const left = [...was].filter((name) => !is.has(name));
  return [...joined.map((name) => `${name} joined`), ...left.map((name) => `${name} left`)];
}
