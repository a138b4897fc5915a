import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { keepMail } from './mailbox';
import { apiSignIn, createManuscript, editorSelection, inbox, openManuscript, proseText, select, shareWith, typeAtEnd, uniqueEmail, type InManuscript } from './writers';

/** What the journeys' local SMTP server received. */
const mail = keepMail();

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });
const highlight = (writer: InManuscript) => writer.text.locator('.comment-highlight');
const PASSAGE = 'The lamp burned all night long';

/**
 * Waits until the editor's own selection is a caret at the very start: a remote change can redraw the
 * view between a key and the browser's selectionchange, and Enter on the old selection would replace the passage.
 */
async function caretAtStartOfText(writer: InManuscript) {
  await expect.poll(async () => { const selection = await editorSelection(writer); return selection && { from: selection.from, to: selection.to }; }).toEqual({ from: 1, to: 1 });
}


/** What Ben sees: the thread on the same words, and nothing under Detached. */
async function benStillSeesThePassage(ben: InManuscript) {
  await expect(highlight(ben)).toHaveText(PASSAGE);
  await expect(ben.page.getByRole('region', { name: 'Detached comments' })).toHaveCount(0);
}

test('a comment holds through Enter and joins, a typed @mention reaches the bell and the mailbox', async ({ browser }) => {
  test.slow();
  const adaWriter = await apiSignIn(browser, 'Ada');
  const benWriter = await apiSignIn(browser, 'Ben Marsh', uniqueEmail('Ben'));

  // Ben asks for email at once.
  await benWriter.page.goto('/settings');
  const settings = benWriter.page.getByRole('form', { name: 'Notification settings' });
  await settings.getByLabel('Email each one as it happens').check();
  await settings.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');

  const path = await createManuscript(adaWriter, 'Inbox Journey');
  const ada = await openManuscript(adaWriter, path);
  await shareWith(ada, benWriter.email, 'Commenter');
  await ada.page.getByRole('button', { name: 'Close sharing' }).click();
  await typeAtEnd(ada, `The sea was calm that evening. ${PASSAGE}, and nobody came. The tide turned before dawn.`);
  await expect(ada.status).toHaveText('Saved');

  // Ben hears he was given the manuscript; he clears his inbox.
  const benBell = inbox(benWriter.page);
  await benWriter.page.goto('/');
  await expect(benBell.count).toHaveText('1', { timeout: 5000 });
  await benBell.bell.click();
  await expect(benBell.panel).toContainText('Ada shared a manuscript with you');
  await benBell.panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(benBell.count).toHaveCount(0);
  await benBell.bell.click();

  const ben = await openManuscript(benWriter, path, 'Live');
  await expect(ben.page.locator('.role-banner')).toHaveText(/Commenter: can comment and suggest/);

  // Ada comments on the sentence in the middle of the paragraph.
  await ada.text.click();
  await select(ada, PASSAGE);
  await ada.page.keyboard.press('Control+Alt+m');
  await ada.page.getByRole('textbox', { name: 'New comment' }).fill('Does the lamp need a reason?');
  await ada.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
  await expect(highlight(ada)).toHaveText(PASSAGE);
  await benStillSeesThePassage(ben);

  // Enter at the start of the paragraph, then in the middle (before the sentence), then the two joined back.
  // Into the text away from the passage (its selection's bubble sits over the middle), then to the very start.
  await ada.text.click({ position: { x: 8, y: 8 } });
  await ada.page.keyboard.press('Control+Home');
  await caretAtStartOfText(ada);
  await ada.page.keyboard.press('Enter');
  await expect(ben.text.locator('p')).toHaveCount(2);
  await benStillSeesThePassage(ben);
  // Just before the passage, by keyboard rather than by pixel (the bubble and the margin move):
  // the empty first paragraph, into the next one, then past its first sentence.
  await ada.page.keyboard.press('Control+Home');
  await ada.page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'The sea was calm that evening. '.length; i++) await ada.page.keyboard.press('ArrowRight');
  // The empty paragraph (2) plus the sentence: the caret sits right before the passage.
  await expect.poll(() => editorSelection(ada)).toEqual({ from: 3 + 31, to: 3 + 31, text: '' });
  await ada.page.keyboard.press('Enter');
  await expect(ben.text.locator('p')).toHaveCount(3);
  await expect.poll(() => proseText(ben)).toMatch(/\nThe lamp burned all night long, and nobody came/);
  await benStillSeesThePassage(ben);
  await ada.page.keyboard.press('Backspace');
  await expect(ben.text.locator('p')).toHaveCount(2);
  await benStillSeesThePassage(ben);
  await expect(highlight(ada)).toHaveText(PASSAGE);

  // Ada replies and mentions Ben by typing his full name, without picking it from the list.
  const adaCard = margin(ada.page).getByRole('article');
  await adaCard.getByRole('textbox', { name: 'Reply' }).pressSequentially('Over to you, @Ben Marsh');
  await adaCard.getByRole('button', { name: 'Reply' }).click();
  await expect(adaCard.locator('.mention')).toHaveText('@Ben Marsh');

  // Ben's bell shows it within two seconds, and opens the passage.
  await expect(benBell.count).toHaveText('1', { timeout: 2000 });
  await benBell.bell.click();
  await expect(benBell.panel.getByRole('listitem').first()).toContainText('Ada mentioned you');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ben.page.screenshot({ path: 'e2e/artifacts/inbox.png' });
  await benBell.panel.getByRole('link', { name: /Ada mentioned you/ }).click();
  await expect(benBell.count).toHaveCount(0);
  await expect(margin(ben.page).locator('.thread-card.active')).toContainText('Over to you');
  await ben.page.screenshot({ path: 'e2e/artifacts/margin-after-inbox.png' });

  // The email reached the local SMTP server, with a link to the passage.
  await expect.poll(() => mail.find((m) => m.to.includes(benWriter.email.toLowerCase()) && m.text.includes('Ada mentioned you'))?.text ?? '').toContain(`${path}?thread=`);
});
