/**
 * Reading the extension's IndexedDB from one of its own pages (the popup), whichever driver runs the browser: pass
 * `readStoreInPage` to the page's `evaluate`, then shape what it read with the functions below.
 */

/** Runs inside an extension page (it is serialised there, so it uses nothing from this module): a whole object store. */
export function readStoreInPage(store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('pipedrive-whatsapp');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => {
        resolve(request.result);
        db.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/** The synced catalogue as the extension stores it: the pages of the current generation (from the `sync` store), flattened. */
export function currentTemplates<T>(sync: ReadonlyArray<{ kind: string; generation?: number }>, pages: ReadonlyArray<{ generation: number; templates: T[] }>): T[] {
  const generation = sync.find((record) => record.kind === 'templates')?.generation;
  return pages.filter((p) => p.generation === generation).flatMap((p) => p.templates);
}

/** Every contact window in the stored buckets, as `{ sender, contact, lastInboundAt, … }`. */
export function bucketWindows<T>(buckets: ReadonlyArray<{ sender: string; contacts: Record<string, object> }>): T[] {
  return buckets.flatMap((bucket) => Object.entries(bucket.contacts).map(([contact, window]) => ({ sender: bucket.sender, contact, ...window }) as T));
}
