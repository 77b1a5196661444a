import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { checkedSettings, settings } from '../settings';
import type { InboxArrival } from './inbox';
import type { TemplateStatusChange } from '../templates/status-changes';

/** The optional permission desktop notifications need: asked for by the popup when the rep turns them on. */
export const notificationsPermission = (): { permissions: ['notifications'] } => ({ permissions: ['notifications'] });
/** More new messages at once than this (a long offline spell) give one summary instead of a stack. */
export const MAX_SINGLE_NOTIFICATIONS = 3;
const PREFIX = 'wat-message:';
const TEMPLATE_PREFIX = 'wat-template:';

/**
 * Asks for the optional `notifications` permission (the call comes first, inside the rep's click, or the browser
 * refuses to ask), and turns the setting on only when it was granted. For the popup.
 */
export async function turnNotificationsOn(): Promise<boolean> {
  const granted = await browser.permissions.request(notificationsPermission()).catch(() => false);
  await settings.notifyNewMessages.setValue(granted);
  return granted;
}

/** Which conversation a notification is about, from its id. */
export function conversationOfNotification(id: string): string | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const number = id.slice(PREFIX.length).split('|')[0];
  return number && /^\+[1-9]\d{6,14}$/.test(number) ? number : undefined;
}

/**
 * WhatsApp's verdict on a template the rep follows (approved, rejected with its reason, a category it changed), when
 * notifications are on: clicking it opens the workshop. At most MAX_SINGLE_NOTIFICATIONS, then a summary.
 */
export async function notifyTemplateChanges(changes: readonly TemplateStatusChange[]): Promise<number> {
  if (changes.length === 0 || !(await checkedSettings.notifyNewMessages())) return 0;
  if (!browser.notifications || !(await browser.permissions.contains(notificationsPermission()))) return 0;
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  const shown = changes.length > MAX_SINGLE_NOTIFICATIONS ? [] : changes;
  if (shown.length === 0) {
    await browser.notifications.create(`${TEMPLATE_PREFIX}summary`, { type: 'basic', iconUrl, title: t('notify_templates_title', String(changes.length)), message: t('notify_templates_body') });
    return 1;
  }
  for (const change of shown) {
    const verdict = change.to === 'approved' ? t('notify_template_approved') : change.to === 'rejected' ? t('notify_template_rejected', change.rejectionReason || '—')
      : change.fromCategory !== change.toCategory ? t('notify_template_category', change.toCategory) : t('notify_template_status', change.to);
    await browser.notifications.create(`${TEMPLATE_PREFIX}${change.id}`, { type: 'basic', iconUrl, title: `${change.name} (${change.language})`.slice(0, 100), message: verdict.slice(0, 300) });
  }
  return shown.length;
}

/** Whether a notification is about a template (its click opens the workshop). */
export const isTemplateNotification = (id: string): boolean => id.startsWith(TEMPLATE_PREFIX);

/**
 * One desktop notification per new message from a customer: who wrote (the Pipedrive name when known, else the
 * number) and, only when the rep chose so, the text. The OS draws both as plain text. Nothing while the setting is
 * off or the permission is not granted.
 */
export async function notifyArrivals(arrivals: readonly InboxArrival[], names: ReadonlyMap<string, string>): Promise<number> {
  if (arrivals.length === 0 || !(await checkedSettings.notifyNewMessages())) return 0;
  if (!browser.notifications || !(await browser.permissions.contains(notificationsPermission()))) return 0;
  const showText = await checkedSettings.notifyMessageText();
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  const newest = arrivals.at(-1);
  if (newest && arrivals.length > MAX_SINGLE_NOTIFICATIONS) {
    await browser.notifications.create(`${PREFIX}${newest.number}|summary`, {
      type: 'basic', iconUrl, title: t('notify_many_title', String(arrivals.length)), message: t('notify_many_body'),
    });
    return 1;
  }
  for (const arrival of arrivals) {
    await browser.notifications.create(`${PREFIX}${arrival.number}|${arrival.sid}`, {
      type: 'basic',
      iconUrl,
      title: (names.get(arrival.contact) ?? arrival.number).slice(0, 100),
      message: showText && arrival.text ? arrival.text : t('notify_new_message'),
    });
  }
  return arrivals.length;
}
