/**
 * Runs `work` for each item, at most `limit` at once, starting them in order: the one bounded-concurrency loop of the
 * organization reads, the import and the undo. Written by hand: the well-kept libraries for it (p-limit, p-map) are
 * ESM-only, which the project's CommonJS test build cannot require on Node 20, and the loop is a few lines.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, Math.floor(limit)), items.length) }, worker));
}
