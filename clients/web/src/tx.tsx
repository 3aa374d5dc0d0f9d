// Every action a member takes goes through useTx: it shows "pending", then "included" with the tx
// hash or "failed" with the contract's own error, and re-reads the chain (every query) after it.
import type { ExecuteResult } from "@cosmjs/cosmwasm";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { contractError } from "./errors";

export type TxState =
  | { phase: "idle" }
  | { phase: "pending"; label: string }
  | { phase: "included"; label: string; hash: string; result: ExecuteResult }
  | { phase: "failed"; label: string; error: string };

export function useTx() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const run = useCallback(
    async (label: string, send: () => Promise<unknown>): Promise<ExecuteResult | null> => {
      setState({ phase: "pending", label });
      try {
        const result = (await send()) as ExecuteResult;
        setState({ phase: "included", label, hash: result.transactionHash, result });
        return result;
      } catch (e) {
        setState({ phase: "failed", label, error: contractError(e) });
        return null;
      } finally {
        await queryClient.invalidateQueries();
      }
    },
    [queryClient],
  );
  return { state, run, busy: state.phase === "pending" };
}

/** The first value of a wasm event attribute in a transaction's result. */
export function wasmAttribute(result: ExecuteResult, key: string): string | undefined {
  for (const event of result.events) {
    if (!event.type.startsWith("wasm")) continue;
    const found = event.attributes.find((a) => a.key === key);
    if (found) return found.value;
  }
  return undefined;
}

export function TxStatus({ state, testId }: { state: TxState; testId: string }) {
  if (state.phase === "idle") return <p data-testid={testId} data-phase="idle" role="status" className="tx" />;
  return (
    <p
      data-testid={testId}
      data-phase={state.phase}
      data-tx={state.phase === "included" ? state.hash : undefined}
      role={state.phase === "failed" ? "alert" : "status"}
      className={`tx tx-${state.phase}`}
    >
      {state.phase === "pending" && <>{state.label}: waiting for the chain…</>}
      {state.phase === "included" && (
        <>
          {state.label}: included in the chain, tx <code title={state.hash}>{state.hash.slice(0, 12)}…</code>
        </>
      )}
      {state.phase === "failed" && (
        <>
          {state.label} failed: <span data-testid={`${testId}-error`}>{state.error}</span>
        </>
      )}
    </p>
  );
}
