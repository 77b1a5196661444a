import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '@/lib/messaging/handlers';
import { createTemplateHandlers } from '@/lib/templates/handlers';
import { SYNC_ALARM, createSyncService } from '@/lib/sync/service';
import { createRouter } from '@/lib/messaging/router';
import { NOTES_ALARM } from '@/lib/notes/sync';
import { settings } from '@/lib/settings';
import { INBOX_ALARM } from '@/lib/conversations/inbox-handlers';
import { conversationOfNotification, isTemplateNotification, notifyTemplateChanges } from '@/lib/conversations/notify';

export default defineBackground({
  type: 'module',
  // Firefox (MV2): an event page, unloaded while idle and woken by its events, as Chrome's service worker is; so both
  // browsers run the one life the code is written for (listeners registered at once, nothing kept only in memory).
  persistent: false,
  main() {
    const templates = createTemplateHandlers();
    // The inbox hears of a sync's new messages; it is made with the background below (called only once both exist).
    const sync = createSyncService({
      onCatalogue: templates.adopt,
      onArrivals: (arrivals, sender) => background.inbox.onArrivals(arrivals, sender),
      onTemplateStatusChanged: (changes) => void notifyTemplateChanges(changes).catch(() => undefined),
    });
    const background = createBackground(sync, templates);
    const route = createRouter(background.handlers, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });

    // Listeners first, synchronously: a worker woken by an event must find its listener registered.
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
    const start = () => {
      void sync.onStart();
      void background.pruneStoredData();
    };
    browser.runtime.onInstalled.addListener(start);
    browser.runtime.onStartup.addListener(start);
    // Notifications are an optional permission: their API exists once the rep granted it (then, or at a later start).
    const listenToNotifications = () => {
      if (!browser.notifications || browser.notifications.onClicked.hasListener(onNotificationClicked)) return;
      browser.notifications.onClicked.addListener(onNotificationClicked);
    };
    const onNotificationClicked = (id: string) => {
      const number = conversationOfNotification(id);
      void browser.notifications.clear(id);
      if (number) void background.inbox.openInPipedrive(number);
      else if (isTemplateNotification(id)) void browser.runtime.openOptionsPage();
    };
    listenToNotifications();
    browser.permissions.onAdded.addListener(listenToNotifications);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === NOTES_ALARM) background.notes.kick();
      if (alarm.name === INBOX_ALARM) void background.inbox.onAlarm();
      if (alarm.name !== SYNC_ALARM) return;
      void sync.runAll();
      void background.pruneStoredData(); // every store back within its bound (SECURITY.md)
    });
    settings.syncIntervalMinutes.watch(() => void sync.ensureAlarm());

    void background.resumePendingSends();
    void background.notes.resume(); // notes a stopped worker did not write (or did not hear back about)
  },
});
