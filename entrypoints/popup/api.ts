import type { PopupApi } from '@/components/popup/PopupApp';
import { callBackground } from '@/lib/messaging/client';
import { revisions, settings } from '@/lib/settings';

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
  getSettings: async () => ({
    syncIntervalMinutes: await settings.syncIntervalMinutes.getValue(),
    expiringThresholdMinutes: await settings.expiringThresholdMinutes.getValue(),
    defaultCountry: await settings.defaultCountry.getValue(),
    selectorOverrides: await settings.selectorOverrides.getValue(),
  }),
  saveSettings: async (next) => {
    await settings.syncIntervalMinutes.setValue(next.syncIntervalMinutes);
    await settings.expiringThresholdMinutes.setValue(next.expiringThresholdMinutes);
    await settings.defaultCountry.setValue(next.defaultCountry);
    await settings.selectorOverrides.setValue(next.selectorOverrides);
  },
  subscribe: (onChange) => revisions.watch(() => onChange()),
  now: () => Date.now(),
};
