import fs from 'node:fs';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, openSharePanel, shareWith, signInElsewhere, signUp, typeAtEnd, uniqueEmail } from './writers';

test.describe('accounts, sharing and roles', () => {
  test('a viewer reads live but cannot type; upgraded, they write without reloading; removed, they lose the document', async ({ browser }) => {
    const ada = await signUp(browser, 'Ada');
    const ben = await signUp(browser, 'Ben');
    const path = await createManuscript(ada, 'Viewer journey');
    const adaIn = await openManuscript(ada, path);
    await shareWith(ada, ben.email, 'Viewer');

    // Ben finds it under "Shared with me" and opens it.
    await ben.page.goto('/');
    await ben.page.getByRole('list', { name: 'Shared with me' }).getByRole('link', { name: 'Viewer journey' }).click();
    const benIn = await openManuscript(ben, path, 'Live');
    await expect(ben.page.locator('.role-banner')).toContainText('You are a viewer');

    await typeAtEnd(adaIn, 'Ada writes while Ben watches.');
    await expect(benIn.text).toContainText('Ada writes while Ben watches.');
    await benIn.text.click({ force: true });
    await ben.page.keyboard.type('Ben tries to type.');
    await expect(adaIn.text).not.toContainText('Ben tries');
    await expect(benIn.text).not.toContainText('Ben tries');
    fs.mkdirSync('e2e/artifacts', { recursive: true });
    await ben.page.screenshot({ path: 'e2e/artifacts/viewer.png' });

    // Ada makes Ben an editor: his editor unlocks in place.
    const panel = await openSharePanel(ada);
    const benRole = panel.getByRole('form', { name: 'Role of Ben' });
    await benRole.getByLabel('Role for Ben').selectOption({ label: 'Editor' });
    await benRole.getByRole('button', { name: 'Change' }).click();
    await expect(panel.getByRole('form', { name: 'Role of Ben' }).getByLabel('Role for Ben')).toHaveValue('editor');
    await expect(ben.page.locator('.role-banner')).toHaveCount(0, { timeout: 5000 });
    await expect(benIn.status).toHaveText('Saved');
    await typeAtEnd(benIn, ' Ben may write now.');
    await expect(adaIn.text).toContainText('Ben may write now.');
    await ada.page.screenshot({ path: 'e2e/artifacts/share-panel.png' });

    // Ada removes Ben: within five seconds the document is gone from his screen.
    await panel.getByRole('form', { name: 'Remove Ben' }).getByRole('button', { name: 'Remove' }).click();
    await expect(ben.page.getByRole('alert').filter({ hasText: 'no longer have access' })).toBeVisible({ timeout: 5000 });
    await expect(benIn.text).toHaveCount(0);
    await ben.page.goto(path);
    await expect(ben.page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });

  test('an invitation to an unknown email is honoured at sign-up; a link lets a commenter join', async ({ browser }) => {
    const ada = await signUp(browser, 'Ada');
    const path = await createManuscript(ada, 'Invitations');
    await openManuscript(ada, path);
    const cyEmail = uniqueEmail('Cy');
    await shareWith(ada, cyEmail, 'Editor');
    const panel = await openSharePanel(ada);
    await expect(panel).toContainText(cyEmail);

    const cy = await signUp(browser, 'Cy', cyEmail);
    await expect(cy.page.getByRole('list', { name: 'Shared with me' })).toContainText('Invitations');

    const linkForm = panel.getByRole('form', { name: 'Create invitation link' });
    await linkForm.getByLabel('Role for the link').selectOption({ label: 'Commenter' });
    await linkForm.getByRole('button', { name: 'Create link' }).click();
    const link = (await linkForm.getByTestId('secret').innerText()).trim();
    expect(link).toMatch(/\/invite\/[\w-]+$/);

    const dee = await signUp(browser, 'Dee');
    await dee.page.goto(link);
    await dee.page.getByRole('button', { name: 'Join the manuscript' }).click();
    await dee.page.waitForURL(`**${path}`);
    await openManuscript(dee, path, 'Live');
    await expect(dee.page.locator('.role-banner')).toContainText('Commenter: can comment and suggest');
  });

  test('a writer renames, trashes and restores; changes name, colour and password; signs out and in', async ({ browser }) => {
    const eve = await signUp(browser, 'Eve');
    const path = await createManuscript(eve, 'Working title');
    const eveIn = await openManuscript(eve, path);
    await typeAtEnd(eveIn, 'Three short words.');
    await expect(eveIn.status).toHaveText('Saved');

    const page = eve.page;
    await page.goto('/');
    const mine = page.getByRole('list', { name: 'My manuscripts' });
    await expect(mine).toContainText('Working title');
    await expect(mine).toContainText('edited');
    await mine.getByLabel('Actions for Working title').click();
    await mine.getByLabel('New title').fill('The Final Title');
    await mine.getByRole('button', { name: 'Rename' }).click();
    await expect(mine.getByRole('link', { name: 'The Final Title' })).toBeVisible();

    // The menu stays open after renaming, showing its confirmation.
    await expect(mine.getByText('Renamed.')).toBeVisible();
    await mine.getByRole('button', { name: 'Move to trash' }).click();
    const trash = page.getByRole('region', { name: 'Trash' });
    await expect(trash).toContainText('The Final Title');
    await expect(trash).toContainText('deleted for good in 30 days');
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await page.goto('/');
    await page.getByRole('region', { name: 'Trash' }).getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByRole('list', { name: 'My manuscripts' }).getByRole('link', { name: 'The Final Title' })).toBeVisible();

    await page.goto('/settings');
    await page.getByLabel('Display name').fill('Evelyn');
    await page.getByLabel('#2f6f9f').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Saved. Co-authors see the new name')).toBeVisible();
    await page.getByLabel('Current password').fill(eve.password);
    await page.getByLabel('New password').fill('a-new-long-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Password changed.')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/settings.png', fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByLabel('Email').fill(eve.email);
    await page.getByLabel('Password').fill(eve.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
    const again = await signInElsewhere(browser, { ...eve, password: 'a-new-long-password' });
    await expect(again.page.getByRole('navigation', { name: 'Account' })).toContainText('Evelyn');
  });

  test('wrong passwords for one account from one address pause that address’s attempts', async ({ browser }) => {
    const fay = await signUp(browser, 'Fay');
    const context = await browser.newContext();
    const page = await context.newPage();
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.goto('/signin');
      await page.getByLabel('Email').fill(fay.email);
      await page.getByLabel('Password').fill(`wrong-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
      // The email stays typed in; only the password needs trying again.
      await expect(page.getByLabel('Email')).toHaveValue(fay.email);
    }
    await page.getByLabel('Email').fill(fay.email);
    await page.getByLabel('Password').fill(fay.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Too many attempts' })).toBeVisible();
  });
});
