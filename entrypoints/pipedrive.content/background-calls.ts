import { callBackground } from '@/lib/messaging/client';
import { revisions } from '@/lib/settings';

/**
 * What the badge (in a Messaging conversation) and the conversation panel both ask the background: a number's window,
 * refreshed from Twilio when it was last checked a while ago.
 */
export const askWindow = (phone: string) => callBackground('getWindow', { phone: phone.slice(0, 64), refresh: true });

/** Calls back when windows, templates, the sync or a note changed in the background, while the view lives; returns the unsubscribe. */
export function watchBackground(isAlive: () => boolean, onChange: () => void): () => void {
  return revisions.watch((next, previous) => {
    const isRelevant = next.windows !== previous?.windows || next.templates !== previous?.templates || next.sync !== previous?.sync || next.notes !== previous?.notes;
    if (isRelevant && isAlive()) onChange();
  });
}
