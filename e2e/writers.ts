import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Writer {
  name: string;
  context: BrowserContext;
  page: Page;
  text: ReturnType<Page['locator']>;
  status: ReturnType<Page['locator']>;
}

/** A co-author in their own browser context (own storage, own IndexedDB), signed in by display name. */
export async function openAsWriter(browser: Browser, path: string, name: string): Promise<Writer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Start writing' }).click();
  const writer = {
    name,
    context,
    page,
    text: page.locator('.manuscript-text'),
    status: page.getByRole('status'),
  };
  await expect(writer.text).toBeVisible();
  await expect(writer.status).toHaveText('Saved');
  return writer;
}

/** Puts the caret at the end of the scene and types like a person. */
export async function typeAtEnd(writer: Writer, text: string): Promise<void> {
  await writer.text.click();
  await writer.page.keyboard.press('Control+End');
  await writer.page.keyboard.type(text, { delay: 5 });
}

export async function createManuscript(page: Page, title: string): Promise<string> {
  await page.goto('/');
  await page.getByPlaceholder(/Title/).fill(title);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/m\/[a-z0-9_-]+$/);
  return new URL(page.url()).pathname;
}

/** The scene's words as stored, without co-authors' caret labels. */
export async function proseText(writer: Writer): Promise<string> {
  return writer.text.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return [...copy.children].map((block) => block.textContent ?? '').join('\n');
  });
}
