import { test as base, expect } from '@playwright/test';

/** Console messages from any page of the test that report a Content-Security-Policy refusal. */
const cspViolations: string[] = [];

/**
 * Every journey runs under the real security headers: a script, style, font or socket the policy
 * blocks is a broken feature for a writer, so any CSP refusal in the browser console fails the test.
 */
export const test = base.extend<{ noCspViolations: void }, { browser: import('@playwright/test').Browser }>({
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        context.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${message.location().url}: ${message.text()}`);
        });
        return context;
      };
      await use(browser);
    },
    { scope: 'worker' },
  ],
  noCspViolations: [
    async ({}, use) => {
      cspViolations.length = 0;
      await use();
      expect(cspViolations, 'the browser refused something under the Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
