import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { createAccount, signInThroughApi } from './api-sign-in';

export interface Writer {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
}

export interface InManuscript extends Writer {
  text: Locator;
  status: Locator;
}

let counter = 0;
const runId = Date.now().toString(36);

export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name.toLowerCase()}.${runId}.${counter}@example.test`;
}

/** A new writer in their own browser context (own cookies, own IndexedDB), signed up through the form. */
export async function signUp(browser: Browser, name: string, email = uniqueEmail(name)): Promise<Writer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const password = `${name}-correct-horse`;
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();
  return { name, email, password, context, page };
}

/**
 * A new writer in their own browser context, signed in through the API: for journeys where the
 * sign-up and sign-in forms are setup, not what is tested. The page starts blank.
 */
export async function apiSignIn(browser: Browser, name: string, email = uniqueEmail(name)): Promise<Writer> {
  const password = `${name}-correct-horse`;
  await createAccount({ email, name, password });
  const context = await browser.newContext();
  await signInThroughApi(context, { email, password });
  return { name, email, password, context, page: await context.newPage() };
}

export interface SharedManuscript {
  path: string;
  /** The owner, in the manuscript, the Share panel closed again. */
  owner: InManuscript;
  /** The co-author, signed in, not yet in the manuscript. */
  coAuthor: Writer;
}

/**
 * The two-writer preamble: the owner and a co-author signed in through the API, the owner's new
 * manuscript (titled, or imported from a draft file) open and shared with the co-author as `role`,
 * and `text`, when given, typed into its first scene and saved.
 */
export async function shareNewManuscript(
  browser: Browser,
  manuscript: ({ title: string } | { draft: string }) & { text?: string },
  role: 'Editor' | 'Commenter' | 'Viewer',
  names: [owner: string, coAuthor: string] = ['Ada', 'Ben'],
): Promise<SharedManuscript> {
  const ownerWriter = await apiSignIn(browser, names[0]);
  const coAuthor = await apiSignIn(browser, names[1]);
  const path = 'title' in manuscript ? await createManuscript(ownerWriter, manuscript.title) : await importDraft(ownerWriter, manuscript.draft);
  const owner = await openManuscript(ownerWriter, path);
  await shareWith(owner, coAuthor.email, role);
  await owner.page.getByRole('button', { name: 'Close sharing' }).click();
  if (manuscript.text) {
    await typeAtEnd(owner, manuscript.text);
    await expect(owner.status).toHaveText('Saved');
  }
  return { path, owner, coAuthor };
}

/** The same writer in a fresh browser (no cookies, no local copy), signed in through the form. */
export async function signInElsewhere(browser: Browser, writer: Writer): Promise<Writer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(writer.email);
  await page.getByLabel('Password').fill(writer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();
  return { ...writer, context, page };
}

export async function createManuscript(writer: Writer, title: string): Promise<string> {
  await writer.page.goto('/');
  await writer.page.getByPlaceholder(/Title/).fill(title);
  await writer.page.getByRole('button', { name: 'Create' }).click();
  await writer.page.waitForURL(/\/m\/[a-z0-9]+$/);
  return new URL(writer.page.url()).pathname;
}

/** Opens a manuscript and waits until the editor is connected. */
export async function openManuscript(writer: Writer, path: string, expectedStatus: RegExp | string = 'Saved'): Promise<InManuscript> {
  if (new URL(writer.page.url()).pathname !== path) await writer.page.goto(path);
  const opened = {
    ...writer,
    text: writer.page.locator('.manuscript-text'),
    status: writer.page.getByRole('status', { name: 'Save status' }),
  };
  await expect(opened.text).toBeVisible();
  await expect(opened.status).toHaveText(expectedStatus);
  return opened;
}

/** Puts the caret at the end of the scene and types like a person. */
export async function typeAtEnd(writer: InManuscript, text: string): Promise<void> {
  await writer.text.click();
  await writer.page.keyboard.press('Control+End');
  await writer.page.keyboard.type(text, { delay: 5 });
}

/**
 * Types paragraphs at the end of the scene like a person: Enter between them, and words between
 * underscores in italics (Ctrl+I on, Ctrl+I off), as `'The boat came in, _low_, and…'`.
 */
export async function typeParagraphs(writer: InManuscript, paragraphs: string[]): Promise<void> {
  await typeAtEnd(writer, '');
  for (const [index, paragraph] of paragraphs.entries()) {
    if (index > 0) await writer.page.keyboard.press('Enter');
    for (const [run, words] of paragraph.split('_').entries()) {
      if (run > 0) await writer.page.keyboard.press('Control+i');
      if (words) await writer.page.keyboard.type(words, { delay: 5 });
    }
  }
}

/** The scene's words as stored, without co-authors' caret labels. */
export async function proseText(writer: InManuscript): Promise<string> {
  return writer.text.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return [...copy.children].map((block) => block.textContent ?? '').join('\n');
  });
}

/** The owner shares the open manuscript by email through the Share panel. */
export async function shareWith(owner: Writer, email: string, role: 'Editor' | 'Commenter' | 'Viewer'): Promise<void> {
  const panel = await openSharePanel(owner);
  const form = panel.getByRole('form', { name: 'Share by email' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Share' }).click();
  await expect(form).toContainText(/Shared with|Invitation saved/);
}

export async function openSharePanel(writer: Writer): Promise<Locator> {
  const panel = writer.page.getByRole('complementary', { name: 'Sharing' });
  if (!(await panel.isVisible())) await writer.page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Selects the first occurrence of `needle` in the scene, as a mouse drag would. */
export async function select(writer: InManuscript, needle: string) {
  await writer.text.evaluate((root, text) => {
    // Highlights split a sentence across text nodes, so search their concatenation.
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      if (!node.parentElement?.closest('.collaboration-carets__caret')) nodes.push(node);
    }
    const joined = nodes.map((node) => node.data).join('');
    const at = joined.indexOf(text);
    if (at < 0) throw new Error(`"${text}" is not in the scene`);
    const locate = (offset: number, end: boolean) => {
      let seen = 0;
      for (const node of nodes) {
        if (offset < seen + node.data.length || (end && offset === seen + node.data.length)) return { node, offset: offset - seen };
        seen += node.data.length;
      }
      throw new Error('offset out of range');
    };
    const start = locate(at, false);
    const finish = locate(at + text.length, true);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(finish.node, finish.offset);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, needle);
  // The editor reads a new DOM selection on the browser's selectionchange, which comes a moment later;
  // a key pressed before then acts on the old selection (an arrow key, then Enter, replaced the words).
  await expect.poll(async () => (await editorSelection(writer))?.text).toBe(needle);
}

/** The ProseMirror selection of the writer's open scene, and the text it covers (Tiptap keeps its editor on the view's element). */
export function editorSelection(writer: InManuscript): Promise<{ from: number; to: number; text: string } | null> {
  return writer.page.evaluate(() => {
    type EditorState = { selection: { from: number; to: number }; doc: { textBetween(from: number, to: number, separator?: string): string } };
    const element = document.querySelector('.manuscript-text') as (Element & { editor?: { state: EditorState } }) | null;
    const state = element?.editor?.state;
    if (!state) return null;
    const { from, to } = state.selection;
    return { from, to, text: state.doc.textBetween(from, to, ' ') };
  });
}

/** Waits until the editor's own caret is collapsed (after an arrow key), so the next key acts on a caret, not on words. */
export async function caretCollapsed(writer: InManuscript): Promise<void> {
  await expect.poll(async () => {
    const selection = await editorSelection(writer);
    return selection !== null && selection.from === selection.to;
  }).toBe(true);
}


/** The bell in the top bar, and its unread count. */
export function inbox(page: Page) {
  return { bell: page.getByRole('button', { name: /^Inbox/ }), count: page.getByTestId('inbox-count'), panel: page.getByRole('dialog', { name: 'Inbox' }) };
}

/** The port of the SMTP server the inbox journey runs (playwright.config.ts points SMTP_URL at it). */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3123) + 2000);

/** Imports a draft file through the home page's form, as a writer does; lands in the new manuscript. */
export async function importDraft(writer: Writer, file: string): Promise<string> {
  await writer.page.goto('/');
  await writer.page.getByText('…or import a draft').click();
  await writer.page.getByLabel('Draft file').setInputFiles(file);
  await writer.page.getByRole('button', { name: 'Import' }).click();
  await writer.page.waitForURL(/\/m\/[a-z0-9]+$/);
  return new URL(writer.page.url()).pathname;
}

/** Imports an editor's marked-up DOCX through the Import changes panel; returns the panel, for its summary. */
export async function importChanges(writer: InManuscript, file: string): Promise<Locator> {
  await writer.page.getByRole('button', { name: 'Import changes' }).click();
  const panel = writer.page.getByRole('complementary', { name: 'Import editor’s changes' });
  await panel.getByLabel('Marked-up file (.docx)').setInputFiles(file);
  await panel.getByRole('button', { name: 'Import changes' }).click();
  return panel;
}

/** Pastes plain text at the caret, as Ctrl+V from another program delivers it. */
export async function pasteText(writer: InManuscript, text: string): Promise<void> {
  await writer.text.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Whether the keyboard focus is inside the scene's text. */
export function focusInText(writer: InManuscript): Promise<boolean> {
  return writer.text.evaluate((element) => element.contains(document.activeElement));
}

/** Saves the open manuscript as a named draft from the History panel, and returns the panel. */
export async function saveDraft(writer: InManuscript, name: string): Promise<Locator> {
  await writer.page.getByRole('button', { name: 'History' }).click();
  const history = writer.page.getByRole('complementary', { name: 'History' });
  await history.getByLabel('Draft name').fill(name);
  await history.getByRole('button', { name: 'Save as draft' }).click();
  await expect(history.getByRole('list', { name: 'Drafts' })).toContainText(name);
  return history;
}

/** The id of the manuscript's draft called `name`, from the drafts API. */
export async function draftId(writer: Writer, path: string, name: string): Promise<string> {
  const rows = (await (await writer.context.request.get(`/api/manuscripts/${path.split('/').pop()}/drafts`)).json()) as { id: string; name: string }[];
  return rows.find((row) => row.name === name)!.id;
}
