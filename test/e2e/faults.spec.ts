import type { Page } from '@playwright/test';
import type { FaultInput } from '../fake-twilio/faults';
import { expect, test } from './fixtures';
import { TEST_TIMEOUT_EXTENSION_DIR, TEST_TIMEOUT_MS } from './harness';
import { askAsExtensionPage, connectAndSync, connectWithToken, storedTemplates, storedWindows } from './helpers';

/**
 * Twilio misbehaving during each sync: the records synced before are all still there, the popup says what happened
 * in words, retries stay within the bound, and the next healthy sync recovers. Only a refused secret (a 401 that the
 * credential probe gets too) stops the schedule, until the credentials change or "Test connection" passes; a 401 or
 * 403 on one endpoint fails that sync alone.
 */
const PATHS = { templates: /^\/v1\/ContentAndApprovals$/, windows: /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/ } as const;
/** The credential probe's first request (`Accounts/{AC}.json`, the Auth Token's check). */
const PROBE = /^\/2010-04-01\/Accounts\/[^/]+\.json$/;
const LABEL = { templates: 'Templates', windows: 'Conversations' } as const;
type Kind = keyof typeof PATHS;

interface Case {
  name: string;
  fault: Omit<FaultInput, 'path'>;
  words: string;
  /** Requests the client makes to the failing path in one sync (retries included). */
  attempts: number;
  /** The credential probe fails the same way: Twilio refuses the secret itself, and every sync stops. */
  pausesSchedule?: boolean;
}

const CASES: Case[] = [
  { name: '401 on every request (a refused secret)', fault: { status: 401, code: 20003 }, words: 'Twilio refused the saved credentials.', attempts: 1, pausesSchedule: true },
  { name: '401 on this endpoint only', fault: { status: 401, code: 20003 }, words: 'The saved credentials lack access to this data.', attempts: 1 },
  { name: '403', fault: { status: 403, code: 20003 }, words: 'The saved credentials lack access to this data.', attempts: 1 },
  { name: '404', fault: { status: 404, code: 20404 }, words: 'The sync failed: ', attempts: 1 },
  { name: '429 with Retry-After', fault: { status: 429, code: 20429, retryAfter: 1 }, words: 'Twilio is limiting requests; the next sync will try again.', attempts: 4 },
  { name: '429 without Retry-After', fault: { status: 429, code: 20429 }, words: 'Twilio is limiting requests; the next sync will try again.', attempts: 4 },
  { name: '500', fault: { status: 500 }, words: 'Twilio is having trouble right now.', attempts: 4 },
  { name: '503', fault: { status: 503 }, words: 'Twilio is having trouble right now.', attempts: 4 },
  { name: 'a dropped connection', fault: { drop: true }, words: 'Twilio could not be reached.', attempts: 4 },
  { name: 'a malformed JSON body', fault: { malformed: true }, words: 'Twilio sent a reply the extension could not read.', attempts: 4 },
];

async function stores(popup: Page) {
  return { templates: await storedTemplates(popup), windows: await storedWindows(popup) };
}

/**
 * Twilio not answering at all. The production build waits 15 s per attempt; these cases load the same code built
 * with a 2 s timeout (`npm run build:test-timeout`, see SECURITY.md) and a fake that answers only after 3 s.
 */
const TIMEOUT_CASE: Case = {
  name: 'a timeout',
  fault: { delayMs: TEST_TIMEOUT_MS + 1_000 },
  words: 'Twilio did not answer in time.',
  attempts: 4,
};

function faultTest(failure: Case, kind: Kind) {
  test(`${kind} sync, ${failure.name}: keeps the data, says why, recovers`, async ({ openPopup, fakeTwilio, serviceWorker }) => {
    const popup = await openPopup();
    await connectAndSync(popup, fakeTwilio);
    const before = await stores(popup);
    expect(before.templates.length).toBeGreaterThan(0);
    expect(before.windows.length).toBeGreaterThan(0);

    fakeTwilio.control.clearRequests();
    const faults = [fakeTwilio.control.setFault({ path: PATHS[kind], ...failure.fault })];
    if (failure.pausesSchedule) faults.push(fakeTwilio.control.setFault({ path: PROBE, ...failure.fault }));
    await askAsExtensionPage(popup, 'syncNow', { kind });
    // The fake logs a request when it answers: a delayed (timed-out) one shows up a moment after the sync gave up.
    const tried = () => fakeTwilio.control.requests().filter((r) => PATHS[kind].test(r.path)).length;
    await expect.poll(tried).toBe(failure.attempts);
    expect(await stores(popup)).toEqual(before);

    await popup.reload();
    await expect(popup.getByRole('alert').filter({ hasText: `${LABEL[kind]}: ${failure.words}` })).toBeVisible();
    for (const fault of faults) fakeTwilio.control.removeFault(fault.id);

    if (failure.pausesSchedule) {
      await expect(popup.getByText('Twilio refused the saved credentials, so syncing has stopped.')).toBeVisible();
      expect(await serviceWorker.evaluate(() => chrome.alarms.getAll())).toEqual([]);
      // Nothing goes to Twilio until the credentials change, not even "Try again".
      fakeTwilio.control.clearRequests();
      await popup.getByRole('button', { name: 'Try again' }).first().click();
      await expect.poll(() => fakeTwilio.control.requests().length).toBe(0);
      await popup.getByRole('button', { name: 'Change credentials' }).click();
      await connectWithToken(popup, fakeTwilio);
      expect(await serviceWorker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).toEqual(['sync']);
    } else {
      await popup.getByRole('button', { name: 'Try again' }).click();
    }
    await expect(popup.getByRole('alert')).toHaveCount(0, { timeout: 10_000 });
    await expect(popup.getByText(new RegExp(`^${LABEL[kind]} synced`))).toBeVisible();
  });
}

test('a paused schedule restarts when "Test connection" passes', async ({ openPopup, fakeTwilio, serviceWorker }) => {
  const popup = await openPopup();
  await connectAndSync(popup, fakeTwilio);
  const faults = [PATHS.templates, PROBE].map((path) => fakeTwilio.control.setFault({ path, status: 401, code: 20003 }));
  await askAsExtensionPage(popup, 'syncNow', { kind: 'templates' });
  await popup.reload();
  await expect(popup.getByText('Twilio refused the saved credentials, so syncing has stopped.')).toBeVisible();
  expect(await serviceWorker.evaluate(() => chrome.alarms.getAll())).toEqual([]);

  // Twilio accepts the same credentials again (the rep fixed the key's permissions in Twilio's console).
  for (const fault of faults) fakeTwilio.control.removeFault(fault.id);
  await popup.getByRole('button', { name: 'Test connection' }).click();
  await expect(popup.getByText('Twilio refused the saved credentials, so syncing has stopped.')).toHaveCount(0);
  expect(await serviceWorker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).toEqual(['sync']);
  await expect(popup.getByRole('alert')).toHaveCount(0, { timeout: 10_000 });
  await expect(popup.getByText(/^Templates synced/)).toBeVisible();
});

for (const failure of CASES) {
  for (const kind of ['templates', 'windows'] as const satisfies readonly Kind[]) faultTest(failure, kind);
}

test.describe('with the 2 s timeout build', () => {
  test.use({ extensionDir: TEST_TIMEOUT_EXTENSION_DIR });
  for (const kind of ['templates', 'windows'] as const satisfies readonly Kind[]) faultTest(TIMEOUT_CASE, kind);
});
