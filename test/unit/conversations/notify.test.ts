import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { InboxArrival } from '@/lib/conversations/inbox';
import { MAX_SINGLE_NOTIFICATIONS, conversationOfNotification, isTemplateNotification, notifyArrivals, notifyTemplateChanges, turnNotificationsOn } from '@/lib/conversations/notify';
import type { TemplateStatusChange } from '@/lib/templates/status-changes';
import { settings } from '@/lib/settings';
import { useMessages } from '../helpers/i18n';

const arrival = (i: number, text = `Message ${i}`): InboxArrival => ({
  contact: '+37251234567', number: '+37251234567', sid: `SM${String(i).padStart(32, '0')}`, at: 1_000 + i, text,
});
const shown = () => Object.values(fakeBrowser.notifications.getAllCreateOptions()) as Array<{ title: string; message: string }>;
let granted: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  useMessages();
  granted = true;
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => granted);
});
afterEach(() => vi.restoreAllMocks());

describe('notifyArrivals', () => {
  it('shows nothing while the setting is off, or while the permission is not granted', async () => {
    expect(await notifyArrivals([arrival(1)], new Map())).toBe(0);
    await settings.notifyNewMessages.setValue(true);
    granted = false;
    expect(await notifyArrivals([arrival(1)], new Map())).toBe(0);
    expect(shown()).toEqual([]);
  });

  it('one per message: the Pipedrive name, and the text only when the rep chose so', async () => {
    await settings.notifyNewMessages.setValue(true);
    await notifyArrivals([arrival(1, '<b>Tere</b>')], new Map([['+37251234567', 'Mari Tamm']]));
    expect(shown()).toEqual([expect.objectContaining({ title: 'Mari Tamm', message: 'New WhatsApp message' })]);
    await settings.notifyMessageText.setValue(true);
    await notifyArrivals([arrival(2, '<b>Tere</b>')], new Map());
    expect(shown()).toContainEqual(expect.objectContaining({ title: '+37251234567', message: '<b>Tere</b>' }));
  });

  it(`gives one summary for more than ${MAX_SINGLE_NOTIFICATIONS} at once`, async () => {
    await settings.notifyNewMessages.setValue(true);
    expect(await notifyArrivals([1, 2, 3, 4, 5].map((i) => arrival(i)), new Map())).toBe(1);
    expect(shown()).toEqual([expect.objectContaining({ title: '5 new WhatsApp messages' })]);
  });

  it('names the conversation in the notification’s id, and reads nothing else as one', async () => {
    await settings.notifyNewMessages.setValue(true);
    await notifyArrivals([arrival(7)], new Map());
    const [id] = Object.keys(fakeBrowser.notifications.getAllCreateOptions());
    expect(conversationOfNotification(id!)).toBe('+37251234567');
    expect(conversationOfNotification('other:+37251234567')).toBeUndefined();
    expect(conversationOfNotification('wat-message:javascript:alert(1)|x')).toBeUndefined();
  });
});

describe('turning notifications on in the popup', () => {
  it('asks for the optional permission, and keeps the setting on only when it was granted', async () => {
    const request = vi.spyOn(browser.permissions, 'request') as unknown as MockInstance<(permissions: unknown) => Promise<boolean>>;
    request.mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    expect(await turnNotificationsOn()).toBe(false);
    expect(await settings.notifyNewMessages.getValue()).toBe(false);
    expect(await turnNotificationsOn()).toBe(true);
    expect(await settings.notifyNewMessages.getValue()).toBe(true);
    expect(request).toHaveBeenCalledTimes(2);
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
  });
});

describe('notifyTemplateChanges', () => {
  const change = (to: 'approved' | 'rejected', reason = ''): TemplateStatusChange => ({
    id: `HX${'0'.repeat(32)}:1`, sid: `HX${'0'.repeat(32)}`, name: 'order_update', language: 'en', from: 'pending', to,
    fromCategory: 'UTILITY', toCategory: 'UTILITY', rejectionReason: reason, at: 1, isSeen: false,
  });

  it('says WhatsApp’s verdict when notifications are on, and nothing otherwise', async () => {
    expect(await notifyTemplateChanges([change('approved')])).toBe(0);
    await settings.notifyNewMessages.setValue(true);
    await notifyTemplateChanges([change('rejected', 'The body is mostly placeholders')]);
    const [id] = Object.keys(fakeBrowser.notifications.getAllCreateOptions());
    expect(isTemplateNotification(id!)).toBe(true);
    expect(conversationOfNotification(id!)).toBeUndefined();
    expect(shown()).toEqual([expect.objectContaining({ title: 'order_update (en)', message: 'Rejected by WhatsApp: The body is mostly placeholders' })]);
  });
});
