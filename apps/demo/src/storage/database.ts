// The app's IndexedDB: the autosaved session, the audio files it plays, and the user's presets.
// A tiny promise wrapper; each call is its own transaction, committed when the promise resolves.

const NAME = 'lathe-demo';
const VERSION = 1;
export type StoreName = 'autosave' | 'assets' | 'presets';
const STORES: readonly StoreName[] = ['autosave', 'assets', 'presets'];

let opening: Promise<IDBDatabase> | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(NAME, VERSION);
    open.onupgradeneeded = () => {
      for (const store of STORES) {
        if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB is not available'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
  });
  return opening;
}

async function inStore<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  const transaction = db.transaction(store, mode);
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
  const [result] = await Promise.all([request(run(transaction.objectStore(store))), committed]);
  return result;
}

export const db = {
  get: <T>(store: StoreName, key: string) => inStore<T | undefined>(store, 'readonly', (s) => s.get(key)),
  put: (store: StoreName, key: string, value: unknown) =>
    inStore(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined),
  delete: (store: StoreName, key: string) => inStore(store, 'readwrite', (s) => s.delete(key)),
  all: <T>(store: StoreName) => inStore<T[]>(store, 'readonly', (s) => s.getAll()),
};
