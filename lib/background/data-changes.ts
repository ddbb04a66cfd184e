/**
 * "The stored data changed": an import, a pack or a restore notifies; whoever caches data read from the store (the
 * library and engine caches in service.ts) drops it, so the next lookup reads the new data at once.
 */
export interface DataChanges {
  notify(): void;
  subscribe(listener: () => void): () => void;
}

export function createDataChanges(): DataChanges {
  const listeners = new Set<() => void>();
  return {
    notify: () => {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
