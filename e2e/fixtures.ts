// The `test` of every spec: it fails when a page asks any origin but its own, or when the page
// breaks its Content-Security-Policy (the build's meta tag and the preview server's header).
import { test as base, expect, type BrowserContext } from '@playwright/test';

/** Requests to origins other than `baseURL`'s and policy violations seen in `context`, for the caller to check at the end. */
export async function watchForStrangers(context: BrowserContext, baseURL = base.info().project.use.baseURL!): Promise<string[]> {
  const origin = new URL(baseURL).origin;
  const problems: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
  await context.exposeBinding('reportPolicyViolation', (_source, text: string) => void problems.push(text));
  await context.addInitScript(() => {
    const report = (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  return problems;
}

export const test = base.extend<{ strangers: string[] }>({
  strangers: [
    async ({ context, baseURL }, use) => {
      const problems = await watchForStrangers(context, baseURL);
      await use(problems);
      expect(problems, 'requests to other origins or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
