import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, openSharePanel, select, signUp, typeAtEnd } from './writers';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;
const DIR = 'e2e/artifacts/screens';

test('every page in light and dark (as the system says), on a phone and a tablet: screenshots kept, dark scanned by axe', async ({ browser }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(DIR, { recursive: true });
  const writer = await signUp(browser, 'Rae');
  const guest = await signUp(browser, 'Sol');
  const path = await createManuscript(writer, 'The Lantern Year');
  const rae = await openManuscript(writer, path);
  await typeAtEnd(rae, 'The lantern hung in the window all winter. Nobody lit it; everybody looked.');
  await select(rae, 'Nobody lit it');
  await rae.page.keyboard.press('Control+Alt+m');
  await rae.page.getByRole('textbox', { name: 'New comment' }).fill('Lovely line.');
  await rae.page.keyboard.press('Control+Enter');
  await expect(rae.page.getByRole('complementary', { name: 'Comments in the margin' })).toContainText('Lovely line.');
  const manuscriptId = path.split('/').pop()!;
  const draftId = ((await (await rae.context.request.post(`/api/manuscripts/${manuscriptId}/drafts`, { data: { name: 'Draft 1' } })).json()) as { id: string }).id;
  await typeAtEnd(rae, ' In spring it was gone.');
  await expect(rae.status).toHaveText('Saved');
  const sharing = await openSharePanel(rae);
  await sharing.getByRole('form', { name: 'Create invitation link' }).getByRole('button', { name: 'Create link' }).click();
  const invite = new URL((await sharing.getByTestId('secret').textContent())!.trim()).pathname;

  const signedOut = await (await browser.newContext()).newPage();
  const shoot = async (page: Page, name: string, scan: boolean) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
    if (scan) await expectNoSeriousViolations(page, name);
  };

  for (const size of SIZES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const tag = `${size.name}-${colorScheme}`;
      const scan = colorScheme === 'dark';
      for (const page of [rae.page, guest.page, signedOut]) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme });
      }
      await signedOut.goto('/signin');
      await shoot(signedOut, `${tag}-signin`, scan);
      await rae.page.goto('/');
      await shoot(rae.page, `${tag}-home`, scan);
      await rae.page.goto(path);
      await expect(rae.status).toHaveText('Saved');
      await shoot(rae.page, `${tag}-manuscript`, scan);
      await rae.page.getByRole('button', { name: 'Binder', exact: true }).click();
      await shoot(rae.page, `${tag}-binder`, scan);
      await rae.page.keyboard.press('Escape');
      await rae.text.locator('.comment-highlight').click();
      await expect(rae.page.getByRole('complementary', { name: 'Comments in the margin' }).getByRole('article')).toBeVisible();
      await shoot(rae.page, `${tag}-comment-sheet`, scan);
      await rae.page.getByRole('button', { name: 'Back to the text' }).click();
      await rae.page.getByRole('button', { name: 'History' }).click();
      await shoot(rae.page, `${tag}-history`, scan);
      await rae.page.getByRole('button', { name: 'Close history' }).click();
      await rae.page.getByRole('button', { name: 'Read-through' }).click();
      await shoot(rae.page, `${tag}-read-through`, scan);
      await rae.page.goto(`${path}/drafts/${draftId}`);
      await shoot(rae.page, `${tag}-draft`, scan);
      await rae.page.goto(`${path}/drafts/${draftId}/compare`);
      await shoot(rae.page, `${tag}-compare`, scan);
      await rae.page.goto('/settings');
      await shoot(rae.page, `${tag}-settings`, scan);
      await rae.page.goto(`${path}/settings`);
      await shoot(rae.page, `${tag}-manuscript-settings`, scan);
      await guest.page.goto(invite);
      await shoot(guest.page, `${tag}-invitation`, scan);
    }
  }
});
