// Everything the page asks of Keplr, in one place: suggest the chain, enable it, read the key and
// take its signer. The Playwright test stands in for the extension behind these same calls.
import type { ChainInfo, Keplr } from "@keplr-wallet/types";
import type { OfflineSigner } from "@cosmjs/proto-signing";
import type { PageConfig } from "./config";

declare global {
  interface Window {
    keplr?: Keplr;
  }
}

export interface KeplrAccount {
  name: string;
  address: string;
  signer: OfflineSigner;
}

/** The chain as Keplr learns it from experimentalSuggestChain, with the node's token as a cw20. */
export function chainInfo(config: PageConfig, token?: { symbol: string; decimals: number }): ChainInfo {
  const fee = {
    coinDenom: config.feeDenom.replace(/^u/, "").toUpperCase(),
    coinMinimalDenom: config.feeDenom,
    coinDecimals: config.feeDecimals,
  };
  const p = config.bech32Prefix;
  const currencies: ChainInfo["currencies"] = [fee];
  if (token) {
    currencies.push({
      type: "cw20",
      contractAddress: config.contracts.token,
      coinDenom: token.symbol,
      coinMinimalDenom: `cw20:${config.contracts.token}:${token.symbol}`,
      coinDecimals: token.decimals,
    });
  }
  return {
    chainId: config.chainId,
    chainName: config.chainName,
    rpc: config.rpc,
    rest: config.rest,
    bip44: { coinType: 118 },
    bech32Config: {
      bech32PrefixAccAddr: p,
      bech32PrefixAccPub: `${p}pub`,
      bech32PrefixValAddr: `${p}valoper`,
      bech32PrefixValPub: `${p}valoperpub`,
      bech32PrefixConsAddr: `${p}valcons`,
      bech32PrefixConsPub: `${p}valconspub`,
    },
    currencies,
    feeCurrencies: [
      { ...fee, gasPriceStep: { low: config.gasPrice, average: config.gasPrice, high: config.gasPrice * 2 } },
    ],
    stakeCurrency: fee,
    features: ["cosmwasm"],
  };
}

export function keplrAvailable(): boolean {
  return window.keplr !== undefined;
}

/** Suggests the chain (Keplr asks the user once), enables it and returns the account and signer. */
export async function connectKeplr(info: ChainInfo): Promise<KeplrAccount> {
  const keplr = window.keplr;
  if (!keplr) throw new Error("Keplr is not installed");
  await keplr.experimentalSuggestChain(info);
  await keplr.enable(info.chainId);
  const key = await keplr.getKey(info.chainId);
  // Keplr's signer signs both direct and amino; its types come from Keplr's own packages.
  const signer = keplr.getOfflineSigner(info.chainId) as unknown as OfflineSigner;
  return { name: key.name, address: key.bech32Address, signer };
}

/** Calls back when the user switches account in Keplr. */
export function onKeplrAccountChange(callback: () => void): void {
  window.addEventListener("keplr_keystorechange", callback);
}
