// What a person reads when an action fails: the contract's own error, not the node's wrapping.
// wasmd wraps it as "...message index: 0: <contract error>: execute wasm contract failed [...]" in
// a simulation or a DeliverTx log, and CosmJS adds its own prefix.

export function contractError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const indexed = /message index: \d+: (.*?): execute wasm contract failed/s.exec(message);
  // A contract called by another (the registry behind a token send) fails inside wasmd's dispatch.
  if (indexed) return indexed[1].replace(/^(dispatch: submessages: )+/, "").trim();
  const after = /execute wasm contract failed: (.*)$/s.exec(message);
  if (after) return after[1].replace(/\s*\[.*$/s, "").trim();
  const dispatch = /message index: \d+: (.*?)(?: \[|: unknown request|$)/s.exec(message);
  if (dispatch) return dispatch[1].trim();
  if (/Request rejected/i.test(message)) return "The wallet refused to sign.";
  return message.split("\n")[0];
}
