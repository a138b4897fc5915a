import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, select, signUp, typeAtEnd } from './writers';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** The page never scrolls sideways: everything fits the window's width. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

const PANELS = [
  ['Find', 'Find', 'Close find'],
  [/^Comments/, 'Comments', 'Close comments'],
  ['History', 'History', 'Close history'],
  ['Export', 'Export', 'Close export'],
  ['Share', 'Sharing', 'Close sharing'],
  ['Writing room', 'Writing room', 'Close writing room'],
] as const;

for (const size of SIZES) {
  test(`on a ${size.name} (${size.width}×${size.height}): binder and panels open and close from the top bar, the text fills the width, comments open as a sheet, nothing scrolls sideways`, async ({ browser }) => {
    test.slow();
    fs.mkdirSync('e2e/artifacts', { recursive: true });
    const visitor = await browser.newContext({ viewport: size });
    const out = await visitor.newPage();
    for (const path of ['/signin', '/signup']) {
      await out.goto(path);
      await expectNoSidewaysScroll(out, path);
    }
    await visitor.close();

    const writer = await signUp(browser, 'Mae');
    await writer.page.setViewportSize(size);
    await expectNoSidewaysScroll(writer.page, 'home');
    const path = await createManuscript(writer, 'Small Screens Journey');
    const mae = await openManuscript(writer, path);
    const { page } = mae;
    await expectNoSidewaysScroll(page, 'manuscript');

    // The binder is a drawer: closed at first, opened and closed from the top bar.
    const binder = page.getByRole('navigation', { name: 'Binder' });
    await expect(binder).toBeHidden();
    await page.getByRole('button', { name: 'Binder', exact: true }).click();
    await expect(binder).toBeInViewport();
    await page.getByRole('button', { name: 'Close binder' }).click();
    await expect(binder).toBeHidden();
    await page.getByRole('button', { name: 'Binder', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(binder).toBeHidden();
    await expect(page.getByRole('button', { name: 'Binder', exact: true })).toBeFocused();

    // Every panel can be closed: its Close button is on screen.
    for (const [button, name, close] of PANELS) {
      await page.getByRole('button', { name: button }).first().click();
      const panel = page.getByRole('complementary', { name, exact: true });
      await expect(panel).toBeVisible();
      await expectNoSidewaysScroll(page, `the ${name} panel`);
      await expect(panel.getByRole('button', { name: close })).toBeInViewport();
      await page.screenshot({ path: `e2e/artifacts/${size.name}-panel-${name.toLowerCase().replace(' ', '-')}.png` });
      await panel.getByRole('button', { name: close }).click();
      await expect(panel).toHaveCount(0);
    }

    // The text fills the width, with margins to read by; the toolbar fits or scrolls within itself.
    await typeAtEnd(mae, 'The ferry left at six, and nobody on the quay waved.');
    await expect(mae.status).toHaveText('Saved');
    const text = (await mae.text.boundingBox())!;
    expect(text.x).toBeGreaterThanOrEqual(12);
    expect(size.width - (text.x + text.width)).toBeGreaterThanOrEqual(12);
    expect(text.width).toBeGreaterThanOrEqual(Math.min(size.width * 0.8, 560));
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    expect(await toolbar.evaluate((element) => element.scrollWidth <= element.clientWidth || getComputedStyle(element).overflowX === 'auto')).toBe(true);
    await expectNoSidewaysScroll(page, 'the manuscript with text');

    // A comment: written in a sheet, then opened again from its passage as a sheet, replied to, closed.
    await select(mae, 'nobody on the quay waved');
    await page.keyboard.press('Control+Alt+m');
    const composer = page.getByRole('textbox', { name: 'New comment' });
    await expect(composer).toBeInViewport();
    await composer.fill('Not even the harbour master?');
    await page.getByRole('button', { name: 'Comment', exact: true }).last().click();
    const margin = page.getByRole('complementary', { name: 'Comments in the margin' });
    await expect(margin).toBeHidden();
    await mae.text.locator('.comment-highlight').click();
    const card = margin.getByRole('article');
    await expect(card).toBeInViewport();
    await expect(card).toContainText('Not even the harbour master?');
    await card.getByRole('textbox', { name: 'Reply' }).fill('He had gone home.');
    await card.getByRole('button', { name: 'Reply' }).click();
    await expect(card).toContainText('He had gone home.');
    await expectNoSidewaysScroll(page, 'the comment sheet');
    await page.screenshot({ path: `e2e/artifacts/${size.name}-comment-sheet.png` });
    await margin.getByRole('button', { name: 'Back to the text' }).click();
    await expect(margin).toBeHidden();
    await expect(mae.text).toBeFocused();

    // A suggestion: its card opens as a sheet from its words, and is accepted there.
    await page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Suggesting' }).click();
    await select(mae, 'ferry');
    await page.keyboard.type('boat', { delay: 20 });
    await expect(mae.text.locator('ins.suggestion')).toHaveText('boat');
    await mae.text.locator('ins.suggestion').click();
    const suggestion = margin.getByRole('article', { name: 'Suggestion by Mae' });
    await expect(suggestion).toBeInViewport();
    await expectNoSidewaysScroll(page, 'the suggestion sheet');
    await page.screenshot({ path: `e2e/artifacts/${size.name}-suggestion-sheet.png` });
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await expect(mae.text.locator('.suggestion')).toHaveCount(0);
    await expect(mae.text).toContainText('The boat left at six');

    // The other pages fit too.
    await page.getByRole('button', { name: 'Read-through' }).click();
    await expectNoSidewaysScroll(page, 'read-through');
    const manuscriptId = path.split('/').pop()!;
    const saved = await page.context().request.post(`/api/manuscripts/${manuscriptId}/drafts`, { data: { name: 'Draft 1' } });
    const draftId = ((await saved.json()) as { id: string }).id;
    for (const other of [`${path}/drafts/${draftId}`, `${path}/drafts/${draftId}/compare`, '/settings', `${path}/settings`]) {
      await page.goto(other);
      await expectNoSidewaysScroll(page, other);
    }
    await writer.context.close();
  });
}
