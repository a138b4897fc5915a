import fs from 'node:fs';
import { expect, test } from './fixtures';
import { apiSignIn, createManuscript, openManuscript, proseText, shareWith, signInElsewhere, typeAtEnd } from './writers';

test.describe('two co-authors write one scene together', () => {
  test('they see each other live, keep writing offline, and nothing is lost', async ({ browser }) => {
    const adaWriter = await apiSignIn(browser, 'Ada');
    const benWriter = await apiSignIn(browser, 'Ben');
    const path = await createManuscript(adaWriter, 'The Salt Road');
    const ada = await openManuscript(adaWriter, path);
    await shareWith(ada, benWriter.email, 'Editor');
    const ben = await openManuscript(benWriter, path);

    // Ada writes; Ben sees every word, with Ada's caret and name.
    await typeAtEnd(ada, 'It was a bright cold day in April.');
    await expect(ben.text).toContainText('It was a bright cold day in April.');
    await expect(ben.page.locator('.collaboration-carets__label', { hasText: 'Ada' })).toBeVisible();
    await expect(ben.page.getByRole('list', { name: 'Who is here' })).toContainText('Ada');

    // Ben answers on a new paragraph; Ada sees Ben's words and Ben's caret.
    await ben.text.click();
    await ben.page.keyboard.press('Control+End');
    await ben.page.keyboard.press('Enter');
    await ben.page.keyboard.type('The clocks were striking thirteen.', { delay: 5 });
    await expect(ada.text).toContainText('The clocks were striking thirteen.');
    await expect(ada.page.locator('.collaboration-carets__label', { hasText: 'Ben' })).toBeVisible();
    await expect(ada.page.getByRole('list', { name: 'Who is here' })).toContainText('Ben');
    await expect(ada.status).toHaveText('Saved');
    await expect(ben.status).toHaveText('Saved');

    fs.mkdirSync('e2e/artifacts', { recursive: true });
    await ada.page.screenshot({ path: 'e2e/artifacts/editor-two-writers.png', fullPage: true });

    // Ada goes offline; both keep writing; the status says so; on return the texts merge.
    await ada.context.setOffline(true);
    await expect(ada.status).toHaveText('Offline – changes kept on this device');
    await typeAtEnd(ada, ' Ada wrote this offline.');
    await typeAtEnd(ben, ' Ben kept going online.');
    await expect(ben.text).not.toContainText('Ada wrote this offline.');
    await ada.page.screenshot({ path: 'e2e/artifacts/editor-offline.png' });
    await ada.context.setOffline(false);
    for (const writer of [ada, ben]) {
      await expect(writer.text).toContainText('Ada wrote this offline.');
      await expect(writer.text).toContainText('Ben kept going online.');
      await expect(writer.status).toHaveText('Saved');
    }
    expect(await proseText(ada)).toBe(await proseText(ben));

    // A fresh browser that never held the document loads the stored text from the server alone.
    const fresh = await openManuscript(await signInElsewhere(browser, adaWriter), path);
    await expect(fresh.text).toContainText('It was a bright cold day in April.');
    await expect(fresh.text).toContainText('Ada wrote this offline.');
    await expect(fresh.text).toContainText('Ben kept going online.');

    // A reload shows the text.
    await ben.page.reload();
    await expect(ben.text).toContainText('The clocks were striking thirteen.');
    await expect(ben.status).toHaveText('Saved');
  });

  test('the editor speaks prose: typography, chapter titles, scene breaks, undo of your own words only', async ({ browser }) => {
    const adaWriter = await apiSignIn(browser, 'Ada');
    const benWriter = await apiSignIn(browser, 'Ben');
    const path = await createManuscript(adaWriter, 'Typography');
    const ada = await openManuscript(adaWriter, path);
    await shareWith(ada, benWriter.email, 'Editor');
    const ben = await openManuscript(benWriter, path);

    await typeAtEnd(ada, `"Wait," she said -- and then... nothing. It's late.`);
    await expect(ada.text).toContainText('“Wait,” she said — and then… nothing. It’s late.');

    await ada.page.keyboard.press('Enter');
    await ada.page.keyboard.type('#');
    await ada.page.keyboard.press('Enter');
    await ada.page.keyboard.type('Morning came.');
    await expect(ada.text.locator('.scene-break')).toHaveText('#');
    await expect(ben.text.locator('.scene-break')).toHaveCount(1);

    // A chapter's title lives in the binder: Chapter title moves the line there, for both writers.
    await ada.page.getByRole('button', { name: 'Chapter title' }).click();
    await expect(ben.page.getByRole('tree', { name: 'Manuscript structure' }).getByRole('treeitem', { name: /^Morning came\., chapter/ })).toBeVisible();
    await expect(ben.text).not.toContainText('Morning came.');

    // Undo takes back Ada's own typing, never Ben's.
    await typeAtEnd(ben, ' Ben adds.');
    await expect(ada.text).toContainText('Ben adds.');
    await ada.text.click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.press('Enter');
    await ada.page.keyboard.type('Ada adds.');
    await expect(ben.text).toContainText('Ada adds.');
    await ada.page.keyboard.press('Control+z');
    await expect(ada.text).not.toContainText('Ada adds.');
    await expect(ada.text).toContainText('Ben adds.');
    await expect(ben.text).not.toContainText('Ada adds.');
  });

  test('an oversized paste is refused with a clear message and the scene is untouched', async ({ browser }) => {
    const adaWriter = await apiSignIn(browser, 'Ada');
    const ada = await openManuscript(adaWriter, await createManuscript(adaWriter, 'Paste'));
    await typeAtEnd(ada, 'Before.');
    const paste = (size: number) =>
      ada.text.evaluate((element, chars) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'word '.repeat(Math.ceil(chars / 5)).slice(0, chars));
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, size);
    await paste(2_500_000);
    await expect(ada.page.locator('.notice')).toContainText('That paste is too large (2.5 MB)');
    expect(await proseText(ada)).toBe('Before.');
    await ada.page.getByRole('button', { name: 'Dismiss' }).click();
    await paste(40);
    await expect(ada.text).toContainText('word word');
    await expect(ada.status).toHaveText('Saved');
  });

  test('closing the tab with a change not yet stored asks for confirmation', async ({ browser }) => {
    const adaWriter = await apiSignIn(browser, 'Ada');
    const ada = await openManuscript(adaWriter, await createManuscript(adaWriter, 'Unsaved'));
    await ada.context.setOffline(true);
    await expect(ada.status).toHaveText('Offline – changes kept on this device');
    await typeAtEnd(ada, 'Not stored yet.');
    const dialog = new Promise<string>((resolve) => ada.page.once('dialog', (d) => (resolve(d.type()), void d.dismiss())));
    await ada.page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
  });
});
