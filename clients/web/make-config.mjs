// Writes the page's config.json from a node's deployment JSON (scripts/deploy.sh: contracts by
// role, executive_council_id) and the chain's settings.
//   node make-config.mjs --deployment deployment.json --chain-id dac-1 --rpc http://127.0.0.1:26657 \
//     --rest http://127.0.0.1:1317 [--page-rpc URL] [--denom ustake] [--gas-price 0.025] [--prefix wasm] \
//     [--refresh-seconds 5] [--peer-deployment b.json --peer-rpc http://127.0.0.1:26757 ...] --out dist/config.json
// Each --peer-deployment (with the --peer-rpc in the same position) is a node this node's relay
// recognizes, by its deployment's name: the app reads its relay, guest homes and prices there.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: a } = parseArgs({
  options: {
    deployment: { type: "string" },
    "chain-id": { type: "string" },
    "chain-name": { type: "string" },
    rpc: { type: "string" },
    rest: { type: "string" },
    "page-rpc": { type: "string" },
    denom: { type: "string", default: "ustake" },
    "fee-decimals": { type: "string", default: "6" },
    "gas-price": { type: "string", default: "0.025" },
    prefix: { type: "string", default: "wasm" },
    "refresh-seconds": { type: "string", default: "5" },
    "peer-deployment": { type: "string", multiple: true, default: [] },
    "peer-rpc": { type: "string", multiple: true, default: [] },
    out: { type: "string" },
  },
});
for (const required of ["deployment", "chain-id", "rpc", "rest", "out"]) {
  if (!a[required]) throw new Error(`make-config.mjs: --${required} is required`);
}

const deployment = JSON.parse(readFileSync(a.deployment, "utf8"));
const contracts = deployment.contracts ?? {};
for (const role of ["token", "council", "housing"]) {
  if (!contracts[role]) throw new Error(`${a.deployment} has no contracts.${role}`);
}

if (a["peer-deployment"].length !== a["peer-rpc"].length) {
  throw new Error("make-config.mjs: give one --peer-rpc for each --peer-deployment, in the same order");
}
// The relay names a recognized node by its deployment's name; RemoteNode has no RPC, so the app
// learns each peer's RPC and relay here.
const peers = a["peer-deployment"].map((path, i) => {
  const peer = JSON.parse(readFileSync(path, "utf8"));
  if (!peer.node || !peer.contracts?.relay) throw new Error(`${path} has no node name or contracts.relay`);
  return { name: peer.node, rpc: a["peer-rpc"][i], relay: peer.contracts.relay };
});

const config = {
  chainId: a["chain-id"],
  chainName: a["chain-name"] ?? `DAC node ${deployment.node ?? a["chain-id"]}`,
  rpc: a.rpc,
  // Keplr requires a REST address; the page itself never uses it.
  rest: a.rest,
  ...(a["page-rpc"] ? { pageRpc: a["page-rpc"] } : {}),
  bech32Prefix: a.prefix,
  feeDenom: a.denom,
  feeDecimals: Number(a["fee-decimals"]),
  gasPrice: Number(a["gas-price"]),
  contracts: { token: contracts.token, council: contracts.council, housing: contracts.housing, escrow: contracts.escrow, relay: contracts.relay },
  councilId: deployment.executive_council_id ?? 1,
  refreshSeconds: Number(a["refresh-seconds"]),
  ...(deployment.node ? { node: deployment.node } : {}),
  peers,
};
writeFileSync(a.out, JSON.stringify(config, null, 2) + "\n");
console.error(`wrote ${a.out} for ${config.chainId} (${config.chainName})`);
