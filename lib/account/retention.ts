import { trimContentState } from '../content-state';
import { threadsRepo } from '../conversations/thread-repo';
import { notesRepo } from '../notes/repo';
import { sendsRepo } from '../sends/repo';
import { windowsRepo } from '../window/repo';
import { changesRepo } from '../templates/changes-repo';
import { draftsRepo } from '../templates/workshop/drafts-repo';

/**
 * Keeps every store within its bound (stated where each is defined, and in SECURITY.md, "What is kept, and for how
 * long"): sends, notes written to Pipedrive, windows, cached conversations, the workshop's drafts, the approval changes, and the content script's notes in storage.local. Runs on the sync
 * alarm and when the extension starts. The templates need no pass: each sync replaces the catalogue.
 */
export function createRetention(now: () => number = Date.now) {
  let running: Promise<void> | undefined;

  async function pass(): Promise<void> {
    const at = now();
    await Promise.all([sendsRepo.prune(at), notesRepo.prune(at), windowsRepo.prune(at), threadsRepo.prune(at), draftsRepo.prune(at), changesRepo.prune(at), trimContentState(at)]);
  }

  return {
    /** One pass at a time; a failure is left for the next one. */
    prune(): Promise<void> {
      running ??= pass()
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    /** Resolves once no pass runs (Disconnect clears the notes after it, so a pass cannot write them back). */
    async idle(): Promise<void> {
      await running;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
