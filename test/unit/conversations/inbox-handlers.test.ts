import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEMO_CONTACTS } from '../../fake-twilio/seeds/demo';
import { useBackgroundAgainstFake } from '../helpers/fake-http';
import { createInboxHandlers } from '@/lib/conversations/inbox-handlers';
import type { InboxArrival } from '@/lib/conversations/inbox';
import { createSyncService } from '@/lib/sync/service';

const { mari, joao } = DEMO_CONTACTS;
const getFake = useBackgroundAgainstFake();
let notified: InboxArrival[][];

function handlers() {
  const inbox = createInboxHandlers({
    now: Date.now,
    sync: createSyncService({ onArrivals: (arrivals, sender) => inbox.onArrivals(arrivals, sender) }),
    notify: async (arrivals) => notified.push([...arrivals]),
    companyHost: async () => 'acme.pipedrive.com',
  });
  return inbox;
}

beforeEach(() => {
  fakeBrowser.reset();
  notified = [];
});

describe('the inbox handlers', () => {
  it('answers the cache at once, and Twilio when asked to refresh (then not again for a while)', async () => {
    const inbox = handlers();
    expect((await inbox.getInbox({})).entries).toEqual([]);
    const fresh = await inbox.getInbox({ refresh: true });
    expect(fresh.entries.map((entry) => entry.number)).toContain(mari.number);
    expect(fresh).toMatchObject({ days: 7, expiringThresholdMs: 120 * 60_000 });
    expect(fresh.knownUntil).toBeGreaterThan(0);
    getFake().control.clearRequests();
    await inbox.getInbox({ refresh: true });
    expect(getFake().control.requests()).toEqual([]);
    // A Pipedrive tab asked: the inbox is kept fresh every minute.
    expect(await browser.alarms.get('inbox')).toMatchObject({ periodInMinutes: 1 });
  });

  it('counts unread for the launcher and the icon, marks read and unread, and notifies each new message once', async () => {
    const inbox = handlers();
    const setBadgeText = vi.spyOn(browser.action, 'setBadgeText');
    await inbox.getInbox({ refresh: true });
    // After the first look (Twilio's times are whole seconds): these are news.
    getFake().control.addInbound({ from: mari.number, body: 'Kas saate helistada?', at: Date.now() + 2_000 });
    getFake().control.addInbound({ from: joao.number, body: 'Olá?', at: Date.now() + 3_000 });
    const sync = createSyncService({ onArrivals: (arrivals, sender) => inbox.onArrivals(arrivals, sender) });
    expect(await sync.run('conversations')).toEqual({ ok: true });
    expect(notified.map((batch) => batch.map((a) => a.text))).toEqual([['Kas saate helistada?', 'Olá?']]);
    expect(await inbox.getInboxSummary({}, { url: 'https://acme.pipedrive.com/pipeline' })).toEqual({ unread: 2, conversations: 2 });
    expect(setBadgeText).toHaveBeenLastCalledWith({ text: '2' });

    expect(await inbox.markConversation({ contact: mari.number, read: true })).toEqual({ unread: 1 });
    expect(setBadgeText).toHaveBeenLastCalledWith({ text: '1' });
    expect(await inbox.markConversation({ contact: mari.number, read: false })).toEqual({ unread: 2 });
    await sync.run('conversations');
    expect(notified).toHaveLength(1); // nothing new since
  });

  it('keeps the names the page found, and forgets one that no longer matches', async () => {
    const inbox = handlers();
    await inbox.getInbox({ refresh: true });
    await inbox.rememberNames({ names: [{ contact: mari.number, name: 'Mari Tamm', personId: 101 }, { contact: joao.number, personId: null }] });
    const entries = (await inbox.getInbox({})).entries;
    expect(entries.find((entry) => entry.number === mari.number)).toMatchObject({ name: 'Mari Tamm', personId: 101, lookedUpAt: expect.any(Number) });
    expect(entries.find((entry) => entry.number === joao.number)).not.toHaveProperty('name');
    expect(entries.find((entry) => entry.number === joao.number)!.lookedUpAt).toBeGreaterThan(0);
  });

  it('a notification’s click opens a Pipedrive tab on the rep’s company when none is open, and that tab shows it', async () => {
    const inbox = handlers();
    const created = vi.spyOn(browser.tabs, 'create');
    await inbox.openInPipedrive(mari.number);
    expect(created).toHaveBeenCalledWith({ url: 'https://acme.pipedrive.com/' });
    expect(await inbox.getInboxSummary({}, { url: 'https://acme.pipedrive.com/' })).toMatchObject({ open: mari.number });
    expect(await inbox.getInboxSummary({}, { url: 'https://acme.pipedrive.com/' })).not.toHaveProperty('open');
  });

  it('stops the fast schedule once no Pipedrive tab is open', async () => {
    const inbox = handlers();
    await inbox.getInbox({});
    await inbox.onAlarm();
    expect(await browser.alarms.get('inbox')).toBeUndefined();
  });
});
