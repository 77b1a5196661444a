import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface MediaAccessProps {
  has: () => Promise<boolean>;
  /** Asks the browser (a prompt the rep answers); must run in the click's own task. */
  request: () => Promise<boolean>;
  /** Opened from a conversation whose media could not be read: say why we ask. */
  isAsked: boolean;
}

/** Lets the extension read media files from Twilio's media servers, when the browser needs the rep's permission. */
export function MediaAccess({ has, request, isAsked }: MediaAccessProps) {
  const [isAllowed, setAllowed] = useState<boolean | undefined>();
  useEffect(() => {
    void has().then(setAllowed);
  }, [has]);
  if (isAllowed === undefined || (isAllowed && !isAsked)) return null;
  return (
    <section class="media-access" aria-labelledby="wat-media-access">
      <h2 id="wat-media-access">{t('media_access_heading')}</h2>
      {isAllowed ? (
        <p role="status">{t('media_access_allowed')}</p>
      ) : (
        <>
          <p>{t('media_access_why')}</p>
          <button type="button" onClick={() => void request().then(setAllowed)}>{t('media_access_allow')}</button>
        </>
      )}
    </section>
  );
}
