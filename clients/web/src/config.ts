// The page's settings: written by make-config.mjs from a deployment JSON (scripts/deploy.sh) and
// the chain's settings, and fetched at load time, so one build serves any node.

export interface PageConfig {
  chainId: string;
  chainName: string;
  /** The chain's RPC, suggested to Keplr. */
  rpc: string;
  /** The chain's REST (LCD) address, suggested to Keplr (which requires one). */
  rest: string;
  /** The RPC the page itself talks to; relative to the page when it is served with a proxy. */
  pageRpc?: string;
  bech32Prefix: string;
  feeDenom: string;
  feeDecimals: number;
  /** Gas price in feeDenom, e.g. 0.025. */
  gasPrice: number;
  contracts: { token: string; council: string; housing: string; escrow?: string; relay?: string };
  /** The council whose open proposals the page lists (the executive council). */
  councilId: number;
  /** Seconds between refreshes of what the page shows. */
  refreshSeconds: number;
  /** This node's name, as other nodes' relays know it. */
  node?: string;
  /** Nodes this node's relay recognizes, by the name it knows them by, with their RPC and relay. */
  peers?: Peer[];
}

export interface Peer {
  name: string;
  rpc: string;
  relay: string;
  /** The RPC the page itself talks to (serve.mjs forwards it from the page's origin). */
  pageRpc?: string;
}

export async function loadConfig(url = "config.json"): Promise<PageConfig> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const config = (await response.json()) as PageConfig;
  for (const key of ["chainId", "rpc", "bech32Prefix", "feeDenom"] as const) {
    if (!config[key]) throw new Error(`${url} has no ${key}`);
  }
  for (const key of ["token", "council", "housing"] as const) {
    if (!config.contracts?.[key]) throw new Error(`${url} has no contracts.${key}`);
  }
  return config;
}

/** The absolute RPC address the page uses for a peer node. */
export function peerRpcUrl(peer: Peer, base: string): string {
  return new URL(peer.pageRpc ?? peer.rpc, base).toString();
}

/** The absolute RPC address the page's CosmJS client uses. */
export function pageRpcUrl(config: PageConfig, base: string): string {
  return new URL(config.pageRpc ?? config.rpc, base).toString();
}
