import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDb } from '../helpers/fake-http';
import { saveCredentials } from '@/lib/account/credentials';
import { createWindowHandlers } from '@/lib/window/handlers';
import { windowsRepo } from '@/lib/window/repo';
import { CLOSE_EARLY_MS, WINDOW_MS } from '@/lib/window/rule';
import { accountRepo } from '@/lib/account/repo';
import { settings } from '@/lib/settings';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const SALES = '+14155238886';

beforeEach(async () => {
  fakeBrowser.reset();
  await freshDb();
  await saveCredentials({ accountSid: 'AC' + '1'.repeat(32), secret: 's' }, true);
  await accountRepo.setSender(0, SALES, 'listed');
});

describe('getWindow: which number, and whose clock', () => {
  it.each([
    ['a date, with Germany as the rep’s country', '12.03.2025', 'DE'],
    ['an order number', '#10482', 'EE'],
    ['too short', '12', 'EE'],
  ])('does not take %s for a phone number', async (_name, phone, country) => {
    await settings.defaultCountry.setValue(country);
    expect(await createWindowHandlers(() => NOW, () => 0).getWindow({ phone })).toMatchObject({ state: 'unknown', reason: 'no-number' });
  });

  it.each([
    ['international, spaced', '+372 5123 4567', 'US'],
    ['national, with the rep’s country', '5123 4567', 'EE'],
    ['a 00 prefix', '00372 5123 4567', 'US'],
  ])('reads %s', async (_name, phone, country) => {
    await settings.defaultCountry.setValue(country);
    expect(await createWindowHandlers(() => NOW, () => 0).getWindow({ phone })).toMatchObject({ contact: '+37251234567' });
  });

  it('acts on a setting the rep changes between two questions (the handlers keep the settings in memory)', async () => {
    await settings.defaultCountry.setValue('EE');
    const handlers = createWindowHandlers(() => NOW, () => 0);
    await settings.expiringThresholdMinutes.setValue(30);
    expect((await handlers.getWindow({ phone: '+37251234567' })).expiringThresholdMs).toBe(30 * 60_000);
    await settings.expiringThresholdMinutes.setValue(90);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await handlers.getWindow({ phone: '+37251234567' })).expiringThresholdMs).toBe(90 * 60_000);
  });

  it('one window for every form of a Mexican number, and the window counted on Twilio’s clock', async () => {
    await settings.defaultCountry.setValue('MX');
    const wrote = NOW - 10 * 60_000;
    await windowsRepo.mergeInbound(0, SALES, new Map([['+525512345678', { at: wrote, sid: 'SM1' }]]), NOW);
    // Twilio's clock is 90 s ahead of the browser's.
    const handlers = createWindowHandlers(() => NOW, () => 90_000);
    const info = await handlers.getWindow({ phone: '+5215512345678' });
    expect(info).toMatchObject({ state: 'open', lastInboundAt: wrote, clockOffsetMs: 90_000, endsAt: wrote + WINDOW_MS - CLOSE_EARLY_MS });
    expect((await handlers.getWindow({ phone: '+52 55 1234 5678' })).lastInboundAt).toBe(wrote);
  });
});
