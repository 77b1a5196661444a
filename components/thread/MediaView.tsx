import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MediaFileInfo } from '@/lib/conversations/model';
import type { Result } from '@/lib/messaging/protocol';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';

export interface MediaViewProps {
  /** Asks the background for the message's files (bytes, never a URL). */
  load: () => Promise<Result<{ files: MediaFileInfo[] }>>;
  /** Opens the extension's page where the rep may allow media from Twilio's media servers. */
  onAllowMedia: () => void;
}

interface Shown {
  file: MediaFileInfo;
  /** A `blob:` URL of the bytes, made in the page and revoked when the message leaves. */
  url?: string;
}

function toBlobUrl(file: MediaFileInfo): string | undefined {
  if (!file.base64) return undefined;
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
}

/** A short name for a file: its own name, else its type ("PDF document" is not known: the MIME subtype). */
export function mediaLabel(file: MediaFileInfo): string {
  return file.fileName ?? file.contentType;
}

/**
 * The customer's media: images inline (press for full size), voice notes, audio and video playable, any other file
 * as a chip with its name or type, its size and "Download". Too large or unavailable files say so.
 */
export function MediaView({ load, onAllowMedia }: MediaViewProps) {
  const [files, setFiles] = useState<Shown[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [zoomed, setZoomed] = useState<Shown | undefined>();
  const closeRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  // Moved with the dialog itself (not a frame later): an Escape pressed at once closes the image, not the panel.
  useLayoutEffect(() => {
    if (zoomed) closeRef.current?.focus();
    else openerRef.current?.focus(); // back to the image the rep opened
  }, [zoomed]);

  useEffect(() => {
    let live = true;
    let made: string[] = [];
    setFailed(false);
    void load().then((answer) => {
      if (!live) return;
      if (!answer.ok) {
        setFailed(true);
        return;
      }
      const shown = answer.value.files.map((file) => ({ file, url: toBlobUrl(file) }));
      made = shown.flatMap((s) => (s.url ? [s.url] : []));
      setFiles(shown);
    });
    return () => {
      live = false;
      made.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [load, attempt]);

  if (failed) {
    return (
      <div class="media-problem" role="note">
        {t('media_unavailable')}{' '}
        <button type="button" class="link" onClick={() => setAttempt(attempt + 1)}>{t('media_retry')}</button>
      </div>
    );
  }
  if (!files) return <div class="media-loading">{t('media_loading')}</div>;
  return (
    <div class="media-list">
      {files.map(({ file, url }) => {
        const label = mediaLabel(file);
        const size = file.size === undefined ? '' : formatBytes(file.size);
        if (!url) {
          const reason =
            file.problem === 'too-large' ? t('media_too_large', size || '?', formatBytes(16 * 1024 * 1024))
              : file.problem === 'needs-permission' ? t('media_needs_permission') : t('media_unavailable');
          return (
            <div key={file.sid} class="media-problem" role="note">
              <span class="file-name">{label}</span> {reason}
              {file.problem === 'needs-permission' && <button type="button" class="link" onClick={onAllowMedia}>{t('media_allow')}</button>}
              {file.problem !== 'too-large' && <button type="button" class="link" onClick={() => setAttempt(attempt + 1)}>{t('media_retry')}</button>}
            </div>
          );
        }
        if (file.contentType.startsWith('image/')) {
          return (
            <button key={file.sid} type="button" class="media-image" onClick={(e) => {
              openerRef.current = e.currentTarget;
              setZoomed({ file, url });
            }}
              aria-label={file.fileName ? t('media_image_open', file.fileName) : t('media_image_open_unnamed')}>
              <img src={url} alt={file.fileName ?? t('media_image')} />
            </button>
          );
        }
        if (file.contentType.startsWith('audio/')) {
          return <audio key={file.sid} class="media-audio" controls preload="metadata" src={url} aria-label={t('media_audio', label)} />;
        }
        if (file.contentType.startsWith('video/')) {
          return <video key={file.sid} class="media-video" controls preload="metadata" src={url} aria-label={t('media_video', label)} />;
        }
        return (
          <div key={file.sid} class="media-file">
            <span class="file-name">{label}</span>
            {size && <span class="file-size">{size}</span>}
            <a href={url} download={file.fileName ?? 'whatsapp-file'} aria-label={t('media_download_named', label)}>{t('media_download')}</a>
          </div>
        );
      })}
      {zoomed && (
        <div class="lightbox" role="dialog" aria-modal="true" aria-label={t('media_full_size', zoomed.file.fileName ?? t('media_image'))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setZoomed(undefined);
            }
          }}>
          <button ref={closeRef} type="button" class="close" aria-label={t('media_close_full_size')} onClick={() => setZoomed(undefined)}>×</button>
          <img src={zoomed.url} alt={zoomed.file.fileName ?? t('media_image')} />
        </div>
      )}
    </div>
  );
}
