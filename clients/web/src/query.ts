// Reads of the chain, refreshed every few seconds (the config's refreshSeconds) and after every
// transaction (useTx invalidates them all).
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNode } from "./node";

export function useChain<T>(key: unknown[], read: () => Promise<T>, enabled = true): UseQueryResult<T> {
  const node = useNode();
  return useQuery({ queryKey: key, queryFn: read, enabled, refetchInterval: node.config.refreshSeconds * 1000 });
}

/** The contracts answer a list query with at most this many items (dac_common's MAX_LIMIT). */
export const PAGE_LIMIT = 30;

/** Every item of a list query, page after page of PAGE_LIMIT until one comes back short. */
export async function readAll<T, K>(page: (startAfter: K | undefined) => Promise<T[]>, key: (item: T) => K, size = PAGE_LIMIT): Promise<T[]> {
  return (await readPages(page, key, 100, size)).items;
}

/**
 * The items of at most `pages` pages of a list query; `complete` is false when the last page read
 * was full (there may be more).
 */
export async function readPages<T, K>(
  page: (startAfter: K | undefined) => Promise<T[]>,
  key: (item: T) => K,
  pages: number,
  size = PAGE_LIMIT,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  for (let i = 0; i < pages; i++) {
    const next = await page(items.length ? key(items[items.length - 1]) : undefined);
    items.push(...next);
    if (next.length < size) return { items, complete: true };
  }
  return { items, complete: false };
}

/** The clock in whole seconds, ticking every second (for countdowns and deadlines). */
export function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
