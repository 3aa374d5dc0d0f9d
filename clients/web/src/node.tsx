// The node the app talks to and the member's wallet, shared by every page through React context.
// Reads go through one CosmWasmClient (no wallet needed: the public dashboard uses it); writes go
// through a SigningCosmWasmClient over Keplr's signer once the member connects.
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import { GasPrice } from "@cosmjs/stargate";
import { CouncilClient, CouncilQueryClient } from "@dac/contracts-client/Council.client";
import { DemurrageTokenClient, DemurrageTokenQueryClient } from "@dac/contracts-client/DemurrageToken.client";
import type { TokenInfoResponse } from "@dac/contracts-client/DemurrageToken.types";
import { HousingRegistryClient, HousingRegistryQueryClient } from "@dac/contracts-client/HousingRegistry.client";
import { IbcRelayClient, IbcRelayQueryClient } from "@dac/contracts-client/IbcRelay.client";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { formatAmount } from "./amounts";
import { queriesThrough, transactionsThrough } from "./codegen-adapter";
import { pageRpcUrl, type PageConfig } from "./config";
import { contractError } from "./errors";
import { chainInfo, connectKeplr, keplrAvailable, onKeplrAccountChange } from "./keplr";

export interface Node {
  config: PageConfig;
  rpcUrl: string;
  reader: CosmWasmClient;
  token: DemurrageTokenQueryClient;
  council: CouncilQueryClient;
  housing: HousingRegistryQueryClient;
  /** The node's IBC relay, when it has one. */
  relay: IbcRelayQueryClient | null;
  tokenInfo: TokenInfoResponse;
  /** Smallest units as "1,234.500000 CMC". */
  amount: (units: string | bigint) => string;
}

export interface Wallet {
  name: string;
  address: string;
  signing: SigningCosmWasmClient;
  token: DemurrageTokenClient;
  council: CouncilClient;
  housing: HousingRegistryClient;
  relay: IbcRelayClient | null;
}

export async function openNode(config: PageConfig): Promise<Node> {
  const rpcUrl = pageRpcUrl(config, location.href);
  const reader = await CosmWasmClient.connect(rpcUrl);
  const q = queriesThrough(reader);
  const token = new DemurrageTokenQueryClient(q, config.contracts.token);
  const tokenInfo = await token.tokenInfo();
  return {
    config,
    rpcUrl,
    reader,
    token,
    council: new CouncilQueryClient(q, config.contracts.council),
    housing: new HousingRegistryQueryClient(q, config.contracts.housing),
    relay: config.contracts.relay ? new IbcRelayQueryClient(q, config.contracts.relay) : null,
    tokenInfo,
    amount: (units) => formatAmount(units, tokenInfo.decimals, tokenInfo.symbol),
  };
}

const NodeContext = createContext<Node | null>(null);

interface WalletState {
  wallet: Wallet | null;
  available: boolean;
  connecting: boolean;
  error: string | null;
  connect: () => Promise<void>;
}
const WalletContext = createContext<WalletState | null>(null);

export function NodeProvider({ node, children }: { node: Node; children: ReactNode }) {
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const available = keplrAvailable();

  const connect = useCallback(async () => {
    setConnecting(true);
    setError(null);
    try {
      // The token goes to Keplr as a cw20 with its own symbol and decimals.
      const account = await connectKeplr(chainInfo(node.config, node.tokenInfo));
      const signing = await SigningCosmWasmClient.connectWithSigner(node.rpcUrl, account.signer, {
        gasPrice: GasPrice.fromString(`${node.config.gasPrice}${node.config.feeDenom}`),
        // "Included" shows within a second of the block (CosmJS asks every 3 s by default).
        broadcastPollIntervalMs: 1000,
      });
      const client = transactionsThrough(signing);
      const { token, council, housing, relay } = node.config.contracts;
      setWallet({
        name: account.name,
        address: account.address,
        signing,
        token: new DemurrageTokenClient(client, account.address, token),
        council: new CouncilClient(client, account.address, council),
        housing: new HousingRegistryClient(client, account.address, housing),
        relay: relay ? new IbcRelayClient(client, account.address, relay) : null,
      });
    } catch (e) {
      setError(contractError(e));
    } finally {
      setConnecting(false);
    }
  }, [node]);

  // Keplr announces an account switch; follow it once connected.
  useEffect(() => {
    if (!available) return;
    onKeplrAccountChange(() => setWallet((current) => (current ? (void connect(), current) : current)));
  }, [available, connect]);

  return (
    <NodeContext.Provider value={node}>
      <WalletContext.Provider value={{ wallet, available, connecting, error, connect }}>{children}</WalletContext.Provider>
    </NodeContext.Provider>
  );
}

export function useNode(): Node {
  const node = useContext(NodeContext);
  if (!node) throw new Error("useNode outside NodeProvider");
  return node;
}

export function useWallet(): WalletState {
  const state = useContext(WalletContext);
  if (!state) throw new Error("useWallet outside NodeProvider");
  return state;
}
