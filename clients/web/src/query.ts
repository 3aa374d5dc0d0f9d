// Reads of the chain, refreshed every few seconds (the config's refreshSeconds) and after every
// transaction (useTx invalidates them all).
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useNode } from "./node";

export function useChain<T>(key: unknown[], read: () => Promise<T>, enabled = true): UseQueryResult<T> {
  const node = useNode();
  return useQuery({ queryKey: key, queryFn: read, enabled, refetchInterval: node.config.refreshSeconds * 1000 });
}
