import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** The popup's side of desktop notifications: the optional permission is asked for as the rep turns them on. */
export interface NotificationsApi {
  /** Whether notifications are on (the setting, and the permission granted). */
  isOn: () => Promise<boolean>;
  showsText: () => Promise<boolean>;
  /** Asks for the permission first (within the click: the browser asks only then); false when it was refused. */
  turnOn: () => Promise<boolean>;
  turnOff: () => Promise<void>;
  setShowsText: (shows: boolean) => Promise<void>;
}

export interface NotificationSettingsProps {
  api: NotificationsApi;
}

/**
 * "Notify me of new WhatsApp messages", and whether a notification shows the text. Each takes effect at once (the
 * permission prompt belongs to the click that turns notifications on); a refused permission leaves them off and says so.
 */
export function NotificationSettings({ api }: NotificationSettingsProps) {
  const [isOn, setOn] = useState(false);
  const [showsText, setShowsText] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void Promise.all([api.isOn(), api.showsText()]).then(([on, shows]) => {
      setOn(on);
      setShowsText(shows);
    });
  }, [api]);

  return (
    <fieldset class="notification-settings">
      <legend>{t('settings_notifications')}</legend>
      <label class="check">
        <input type="checkbox" checked={isOn} onChange={(event) => {
          const wanted = event.currentTarget.checked;
          setMessage('');
          // No await before the request: the browser shows its prompt only within the rep's click.
          const done = wanted ? api.turnOn() : api.turnOff().then(() => false);
          void done.then((on) => {
            setOn(on);
            if (wanted && !on) setMessage(t('settings_notify_refused'));
          });
        }} />
        {t('settings_notify')}
      </label>
      <label class="check">
        <input type="checkbox" checked={showsText} disabled={!isOn} onChange={(event) => {
          const shows = event.currentTarget.checked;
          setShowsText(shows);
          void api.setShowsText(shows);
        }} />
        {t('settings_notify_text')}
      </label>
      {message && <p role="status" class="field-error">{message}</p>}
    </fieldset>
  );
}
