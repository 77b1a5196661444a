import type { PopupApi } from '@/components/popup/PopupApp';
import { browser } from 'wxt/browser';
import { MEDIA_HOSTS } from '@/lib/media-hosts';
import { callBackground } from '@/lib/messaging/client';
import { checkedSettings, revisions, settings } from '@/lib/settings';
import { notificationsPermission, turnNotificationsOn } from '@/lib/conversations/notify';

/** The popup's calls: messages to the background, and the non-secret settings it may write itself. */
export const popupApi: PopupApi = {
  getStatus: () => callBackground('getStatus', {}),
  connect: (request) => callBackground('connectTwilio', request),
  testCredentials: () => callBackground('testCredentials', {}),
  disconnect: () => callBackground('disconnect', {}),
  listSenders: () => callBackground('listSenders', {}),
  setSender: (sender) => callBackground('setSender', { sender }),
  syncNow: () => callBackground('syncNow', {}),
  listExpiring: () => callBackground('listExpiring', {}),
  setPipedriveToken: (token) => callBackground('setPipedriveToken', { token }),
  openWorkshop: () => void browser.runtime.openOptionsPage(),
  dismissTemplateChanges: (ids) => callBackground('dismissTemplateChanges', { ids }),
  getSettings: async () => ({
    // As the background reads them: a value of another shape (a content script can write this area) shows the default.
    syncIntervalMinutes: await checkedSettings.syncIntervalMinutes(),
    expiringThresholdMinutes: await checkedSettings.expiringThresholdMinutes(),
    defaultCountry: await checkedSettings.defaultCountry(),
    selectorOverrides: await checkedSettings.selectorOverrides(),
    inboxDays: await checkedSettings.inboxDays(),
    notesEnabled: await checkedSettings.notesEnabled(),
  }),
  saveSettings: async (next) => {
    await settings.syncIntervalMinutes.setValue(next.syncIntervalMinutes);
    await settings.expiringThresholdMinutes.setValue(next.expiringThresholdMinutes);
    await settings.defaultCountry.setValue(next.defaultCountry);
    await settings.selectorOverrides.setValue(next.selectorOverrides);
    await settings.inboxDays.setValue(next.inboxDays);
    await settings.notesEnabled.setValue(next.notesEnabled);
  },
  subscribe: (onChange) => revisions.watch(() => onChange()),
  mediaAccess: {
    has: () => browser.permissions.contains({ origins: [...MEDIA_HOSTS] }),
    request: () => browser.permissions.request({ origins: [...MEDIA_HOSTS] }),
    // A conversation whose media the browser would not let us read opens the popup at #media.
    isAsked: location.hash === '#media',
  },
  notifications: {
    isOn: async () => (await checkedSettings.notifyNewMessages()) && (await browser.permissions.contains(notificationsPermission())),
    showsText: () => checkedSettings.notifyMessageText(),
    turnOn: () => turnNotificationsOn(),
    turnOff: () => settings.notifyNewMessages.setValue(false),
    setShowsText: (shows) => settings.notifyMessageText.setValue(shows),
  },
  openConversation: (contact) => void callBackground('openConversationInPipedrive', { contact }),
  now: () => Date.now(),
};

