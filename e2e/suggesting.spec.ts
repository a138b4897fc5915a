import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { caretCollapsed, openManuscript, proseText, select, shareNewManuscript, typeAtEnd } from './writers';

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });
const card = (page: Page, writer: string) => margin(page).getByRole('article', { name: `Suggestion by ${writer}` });

test('suggesting: a commenter proposes, the owner replies, accepts one and rejects another, live for both and kept', async ({ browser }) => {
  test.slow();
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Suggesting Journey' }, 'Commenter');
  await typeAtEnd(ada, 'The plan had one weakness in it. The night was long.');
  await expect(ada.status).toHaveText('Saved');

  // Ben, a commenter, opens it in Suggesting: the only way he can change the text.
  const ben = await openManuscript(benWriter, path, 'Live');
  await expect(ben.page.locator('.role-banner')).toContainText('Commenter: can comment and suggest');
  const benModes = ben.page.getByRole('radiogroup', { name: 'Mode' });
  await expect(benModes.getByRole('radio', { name: 'Suggesting' })).toHaveAttribute('aria-checked', 'true');
  await expect(benModes.getByRole('radio', { name: 'Editing' })).toHaveCount(0);
  // Ada, the owner, may choose any of the three.
  await expect(ada.page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio')).toHaveText(['Editing', 'Suggesting', 'Viewing']);

  // Ben replaces a word: the old one stays, struck through; his stands beside it, underlined.
  await ben.text.click();
  await select(ben, 'weakness');
  await ben.page.keyboard.type('flaw', { delay: 20 });
  await expect(ben.text.locator('del.suggestion')).toHaveText('weakness');
  await expect(ben.text.locator('ins.suggestion')).toHaveText('flaw');

  // Ada sees it live, with Ben's name, in his colour, and a card beside it.
  await expect(ada.text.locator('ins.suggestion')).toHaveText('flaw');
  await expect(ada.text.locator('del.suggestion')).toHaveText('weakness');
  const adaCard = card(ada.page, 'Ben');
  await expect(adaCard).toContainText('Ben: Replace ‘weakness’ with ‘flaw’');
  const underline = await ada.text.locator('ins.suggestion').evaluate((element) => getComputedStyle(element).textDecorationLine);
  expect(underline).toContain('underline');
  expect(await ada.text.locator('del.suggestion').evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain('line-through');
  const cardBox = (await adaCard.boundingBox())!;
  const wordBox = (await ada.text.locator('ins.suggestion').boundingBox())!;
  expect(Math.abs(cardBox.y - wordBox.y)).toBeLessThan(60);

  // Ada replies on the card; Ben reads it there.
  await adaCard.getByRole('textbox', { name: 'Reply to Ben’s suggestion' }).fill('Shorter, yes. @Ben');
  await adaCard.getByRole('button', { name: 'Reply' }).click();
  await expect(card(ben.page, 'Ben')).toContainText('Shorter, yes.');
  // Ben, a commenter, has no Accept button on anyone's card; he may withdraw his own.
  await expect(card(ben.page, 'Ben').getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(card(ben.page, 'Ben').getByRole('button', { name: 'Withdraw' })).toBeVisible();
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/suggesting-owner.png' });
  await ben.page.screenshot({ path: 'e2e/artifacts/suggesting-commenter.png' });
  // The same in the dark theme (it follows the system): suggestions stay readable in their writer's colour.
  for (const [writer, name] of [[ada, 'owner'], [ben, 'commenter']] as const) {
    await writer.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => writer.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toMatch(/^rgb\((\d|[1-5]\d), /);
    await writer.page.screenshot({ path: `e2e/artifacts/suggesting-${name}-dark.png` });
    await writer.page.emulateMedia({ colorScheme: 'light' });
  }

  // Ada accepts: both read the sentence as accepted, with no marks left.
  await adaCard.getByRole('button', { name: 'Accept' }).click();
  for (const writer of [ada, ben]) {
    await expect.poll(() => proseText(writer)).toBe('The plan had one flaw in it. The night was long.');
    await expect(writer.text.locator('.suggestion')).toHaveCount(0);
  }
  await expect(ada.status).toHaveText('Saved');

  // A second suggestion: Ben adds words at the end; Ada rejects it and it is gone for both.
  await ben.text.click();
  await ben.page.keyboard.press('Control+End');
  await ben.page.keyboard.type(' and cold', { delay: 20 });
  const second = card(ada.page, 'Ben');
  await expect(second).toContainText('Ben: Add ‘and cold’');
  await second.getByRole('button', { name: 'Reject' }).click();
  for (const writer of [ada, ben]) {
    await expect(writer.text.locator('.suggestion')).toHaveCount(0);
    await expect.poll(() => proseText(writer)).toBe('The plan had one flaw in it. The night was long.');
    await expect(card(writer.page, 'Ben')).toHaveCount(0);
  }
  await expect(ada.status).toHaveText('Saved');

  // Ben suggests a paragraph break before the second sentence; Ada accepts it.
  await ben.text.click();
  await select(ben, 'The night');
  await ben.page.keyboard.press('ArrowLeft');
  await caretCollapsed(ben);
  await ben.page.keyboard.press('Enter');
  const paragraphBreak = card(ada.page, 'Ben');
  await expect(paragraphBreak).toContainText('Ben: Start a new paragraph');
  await expect(ada.text.locator('p')).toHaveCount(2);
  await paragraphBreak.getByRole('button', { name: 'Accept' }).click();
  const final = 'The plan had one flaw in it. \nThe night was long.';
  for (const writer of [ada, ben]) {
    await expect(card(writer.page, 'Ben')).toHaveCount(0);
    await expect.poll(() => proseText(writer)).toBe(final);
  }
  await expect(ada.status).toHaveText('Saved');

  // Reload: the text, and the reply (now an ordinary comment), are kept.
  for (const writer of [ada, ben]) {
    await writer.page.reload();
    await expect(writer.status).toHaveText(writer === ada ? 'Saved' : 'Live');
    await expect.poll(() => proseText(writer)).toBe(final);
    await expect(margin(writer.page)).toContainText('Shorter, yes.');
  }
});

test('suggesting: an editor switches to Suggesting; a viewer has no switch; Viewing makes the text read-only', async ({ browser }) => {
  const { path, owner: ada, coAuthor: vicWriter } = await shareNewManuscript(browser, { title: 'Modes Journey' }, 'Viewer', ['Ada', 'Vic']);
  await typeAtEnd(ada, 'Plain words.');
  const modes = ada.page.getByRole('radiogroup', { name: 'Mode' });
  await modes.getByRole('radio', { name: 'Suggesting' }).click();
  await typeAtEnd(ada, ' Proposed words.');
  await expect(ada.text.locator('ins.suggestion')).toHaveText(' Proposed words.');
  // Undo in Suggesting takes back her own suggested words (typed after a pause, so a step of their own).
  await ada.page.waitForTimeout(800);
  await ada.page.keyboard.type(' Oops', { delay: 20 });
  await expect(ada.text.locator('ins.suggestion')).toHaveText(' Proposed words. Oops');
  await ada.page.keyboard.press('Control+z');
  await expect(ada.text.locator('ins.suggestion')).toHaveText(' Proposed words.');
  await expect(card(ada.page, 'Ada')).toContainText('Ada: Add ‘Proposed words.’');
  await modes.getByRole('radio', { name: 'Viewing' }).click();
  await expect(ada.text).toHaveAttribute('contenteditable', 'false');
  const vic = await openManuscript(vicWriter, path, 'Live');
  await expect(vic.page.getByRole('radiogroup', { name: 'Mode' })).toHaveCount(0);
  await expect(vic.text.locator('ins.suggestion')).toHaveText(' Proposed words.');
  await ada.page.screenshot({ path: 'e2e/artifacts/suggesting-editor-own.png' });

  // Word counts and the read-through: the original text, or as if every suggestion were accepted.
  const words = ada.page.getByTestId('manuscript-words');
  const view = ada.page.getByLabel('Count and read suggestions as');
  await expect(words).toHaveText('2');
  await view.selectOption({ label: 'As if all accepted' });
  await expect(words).toHaveText('4');
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  const reading = ada.page.getByRole('article', { name: 'Read-through' });
  await expect(reading).toContainText('Plain words. Proposed words.');
  await view.selectOption({ label: 'Original text' });
  await expect(reading).toContainText('Plain words.');
  await expect(reading).not.toContainText('Proposed');
  await ada.page.getByRole('button', { name: 'Read-through' }).click();

  // Accept all in the scene, from the review menu: the words stay, unmarked, for Vic too.
  await ada.page.getByText('Review suggestions (1)').click();
  await ada.page.screenshot({ path: 'e2e/artifacts/suggesting-review-menu.png' });
  await ada.page.locator('.suggestion-review__menu').getByRole('button', { name: 'Accept all' }).first().click();
  for (const writer of [ada, vic]) {
    await expect(writer.text.locator('.suggestion')).toHaveCount(0);
    await expect.poll(() => proseText(writer)).toBe('Plain words. Proposed words.');
  }
  await expect(words).toHaveText('4');
  await expect(view).toHaveCount(0);
});
