import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, select, signInElsewhere, signUp, typeAtEnd } from './writers';

const theme = (page: Page) => page.locator('html').getAttribute('data-theme');

test('a calm writing room: dark theme for the account and per device, screen-only font and size, focus mode, typewriter scrolling', async ({ browser }) => {
  test.slow();
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  const ivyWriter = await signUp(browser, 'Ivy');
  const path = await createManuscript(ivyWriter, 'Night Shift');

  // Account settings: dark, a typewriter face, large; kept for the account.
  await ivyWriter.page.goto('/settings');
  const form = ivyWriter.page.getByRole('form', { name: 'Appearance' });
  await form.getByRole('radio', { name: 'Dark' }).check();
  await form.getByLabel('Text font on screen').selectOption('typewriter');
  await form.getByLabel('Text size on screen').selectOption('large');
  await form.getByRole('button', { name: 'Save appearance' }).click();
  await expect(form).toContainText('Saved for all your devices.');
  expect(await theme(ivyWriter.page)).toBe('dark');
  await expectNoSeriousViolations(ivyWriter.page, 'account settings, dark');

  // The manuscript, dark, in the chosen face and size; a comment in the margin; contrast holds.
  const ivy = await openManuscript(ivyWriter, path);
  expect(await theme(ivy.page)).toBe('dark');
  await typeAtEnd(ivy, 'The night nurse counted the lamps along the ward.');
  await select(ivy, 'counted the lamps');
  await ivy.page.keyboard.press('Control+Alt+m');
  await ivy.page.getByRole('textbox', { name: 'New comment' }).fill('How many?');
  await ivy.page.keyboard.press('Control+Enter');
  await expect(ivy.page.getByRole('complementary', { name: 'Comments in the margin' })).toContainText('How many?');
  const face = await ivy.text.evaluate((element) => ({ family: getComputedStyle(element).fontFamily, size: getComputedStyle(element).fontSize }));
  expect(face.family).toContain('Courier Prime');
  expect(face.size).toBe('20.8px');
  await expectNoSeriousViolations(ivy.page, 'manuscript, dark');
  await ivy.page.screenshot({ path: 'e2e/artifacts/writing-room-dark.png' });

  // The export keeps Standard Manuscript Format, whatever the screen shows.
  const exported = await ivy.context.request.get(`/api/manuscripts/${path.split('/').pop()}/export?format=docx`);
  const styles = await (await JSZip.loadAsync(await exported.body())).file('word/styles.xml')!.async('string');
  expect(styles).toContain('Times New Roman');
  expect(styles).not.toContain('Courier Prime');

  // Another device signs in dark too; this one chooses Light for itself only, and keeps it.
  const phone = await signInElsewhere(browser, ivyWriter);
  expect(await theme(phone.page)).toBe('dark');
  await ivy.page.getByRole('button', { name: 'Writing room' }).click();
  const room = ivy.page.getByRole('complementary', { name: 'Writing room' });
  await room.getByRole('radio', { name: 'Light' }).check();
  expect(await theme(ivy.page)).toBe('light');
  await ivy.page.reload();
  await expect(ivy.status).toHaveText('Saved');
  expect(await theme(ivy.page)).toBe('light');
  await phone.page.reload();
  expect(await theme(phone.page)).toBe('dark');
  await ivy.page.getByRole('button', { name: 'Writing room' }).click();
  await room.getByRole('button', { name: 'Follow my account settings' }).click();
  expect(await theme(ivy.page)).toBe('dark');
  await room.getByRole('button', { name: 'Close writing room' }).click();

  // Focus mode: typing quietens the binder, margin and toolbar; the pointer brings them back.
  const sidebar = ivy.page.locator('.sidebar');
  await ivy.text.click();
  await ivy.page.keyboard.press('End');
  await ivy.page.keyboard.press('Control+Alt+z');
  await ivy.page.keyboard.type(' One by one.');
  await expect(ivy.page.locator('.workspace')).toHaveClass(/workspace--quiet/);
  await expect.poll(() => sidebar.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
  await ivy.page.mouse.move(200, 300);
  await ivy.page.mouse.move(220, 320);
  await expect.poll(() => sidebar.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  await ivy.page.keyboard.press('Control+Alt+z');
  await expect(ivy.page.locator('.workspace')).not.toHaveClass(/workspace--focus/);

  // Typewriter scrolling: after many lines, the line being written is still at the same height.
  await ivy.page.getByRole('button', { name: 'Writing room' }).click();
  await room.getByLabel(/Typewriter scrolling/).check();
  await room.getByRole('button', { name: 'Close writing room' }).click();
  await ivy.text.click();
  await ivy.page.keyboard.press('Control+End');
  for (let line = 1; line <= 30; line += 1) {
    await ivy.page.keyboard.press('Enter');
    await ivy.page.keyboard.type(`Lamp ${line}.`);
  }
  const caretAt = async () =>
    ivy.page.evaluate(() => {
      const range = window.getSelection()!.getRangeAt(0).cloneRange();
      const rect = range.getClientRects()[0] ?? (range.startContainer as Element).getBoundingClientRect?.() ?? range.startContainer.parentElement!.getBoundingClientRect();
      return rect.top / window.innerHeight;
    });
  await expect.poll(caretAt).toBeGreaterThan(0.35);
  expect(await caretAt()).toBeLessThan(0.55);
  await ivy.page.screenshot({ path: 'e2e/artifacts/writing-room-typewriter.png' });
});
