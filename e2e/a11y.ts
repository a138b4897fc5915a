import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0–2.2 A and AA rules, plus axe's best practices (landmarks, headings); only serious and critical fail. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Scans the page as it stands with axe-core and fails on any serious or critical violation,
 * listing each rule with the elements it found, so the failure says what to fix. The test goes on to
 * scan the next page and fails at its end.
 */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  // Let CSS transitions settle, or axe measures colours half-way through a fade.
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 3).join(' ')}`).join('\n')}`);
  // Soft, so one run lists every page's problems; the test still fails at its end.
  expect.soft(serious, `accessibility violations on ${where}`).toEqual([]);
}
