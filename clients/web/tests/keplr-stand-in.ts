// A stand-in for the Keplr extension: the same window.keplr calls the page makes
// (experimentalSuggestChain, enable, getKey, getOfflineSigner, getOfflineSignerAuto), answered in
// Node by a CosmJS DirectSecp256k1HdWallet. Like Keplr, it refuses to enable a chain nobody
// suggested, and derives addresses with the bech32 prefix of the suggested chain, so a page that
// suggests the wrong chain fails here as it would in Keplr.
import { fromBase64, fromBech32, toBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { ChainInfo } from "@keplr-wallet/types";
import type { Page } from "@playwright/test";

type Args = unknown[];

export class KeplrStandIn {
  readonly suggested = new Map<string, ChainInfo>();
  readonly enabled = new Set<string>();
  /** Every call the page made, in order. */
  readonly calls: string[] = [];
  private wallets = new Map<string, DirectSecp256k1HdWallet>();

  constructor(
    private readonly mnemonic: string,
    private readonly keyName: string,
  ) {}

  async install(page: Page): Promise<void> {
    await page.exposeFunction("__keplrStandIn", (method: string, args: Args) => this.handle(method, args));
    await page.addInitScript(browserSide);
  }

  private async wallet(chainId: string): Promise<DirectSecp256k1HdWallet> {
    const info = this.suggested.get(chainId);
    if (!info) throw new Error(`There is no chain info for ${chainId}`);
    if (!this.enabled.has(chainId)) throw new Error(`${chainId} is not enabled`);
    const prefix = info.bech32Config!.bech32PrefixAccAddr;
    let wallet = this.wallets.get(prefix);
    if (!wallet) {
      wallet = await DirectSecp256k1HdWallet.fromMnemonic(this.mnemonic, { prefix });
      this.wallets.set(prefix, wallet);
    }
    return wallet;
  }

  private async handle(method: string, args: Args): Promise<unknown> {
    this.calls.push(method);
    switch (method) {
      case "experimentalSuggestChain": {
        const info = args[0] as ChainInfo;
        this.suggested.set(info.chainId, info);
        return null;
      }
      case "enable": {
        const ids = ([] as string[]).concat(args[0] as string | string[]);
        for (const id of ids) {
          if (!this.suggested.has(id)) throw new Error(`There is no chain info for ${id}`);
          this.enabled.add(id);
        }
        return null;
      }
      case "getKey": {
        const [account] = await (await this.wallet(args[0] as string)).getAccounts();
        return {
          name: this.keyName,
          algo: account.algo,
          pubKey: toBase64(account.pubkey),
          // An explicit length limit: @cosmjs/encoding 0.38's default (Infinity) is refused by
          // @scure/base 2.4, which it allows.
          address: toBase64(fromBech32(account.address, 90).data),
          bech32Address: account.address,
          isNanoLedger: false,
          isKeystone: false,
        };
      }
      case "getAccounts": {
        const accounts = await (await this.wallet(args[0] as string)).getAccounts();
        return accounts.map((a) => ({ address: a.address, algo: a.algo, pubkey: toBase64(a.pubkey) }));
      }
      case "signDirect": {
        const [chainId, signer, doc] = args as [string, string, Record<string, string>];
        if (doc.chainId !== chainId) throw new Error(`asked to sign for ${doc.chainId} with the signer of ${chainId}`);
        const { signed, signature } = await (await this.wallet(chainId)).signDirect(signer, {
          bodyBytes: fromBase64(doc.bodyBytes),
          authInfoBytes: fromBase64(doc.authInfoBytes),
          chainId: doc.chainId,
          accountNumber: BigInt(doc.accountNumber),
        });
        return {
          signed: {
            bodyBytes: toBase64(signed.bodyBytes),
            authInfoBytes: toBase64(signed.authInfoBytes),
            chainId: signed.chainId,
            accountNumber: signed.accountNumber.toString(),
          },
          signature,
        };
      }
      default:
        throw new Error(`the Keplr stand-in has no ${method}`);
    }
  }
}

/** Runs in the page before its scripts: window.keplr, forwarding to the Node side. */
function browserSide(): void {
  type Bridge = (method: string, args: unknown[]) => Promise<any>;
  const call = (method: string, ...args: unknown[]) => (window as unknown as { __keplrStandIn: Bridge }).__keplrStandIn(method, args);
  const toB64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
  const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const signer = (chainId: string) => ({
    getAccounts: async () =>
      (await call("getAccounts", chainId)).map((a: { address: string; algo: string; pubkey: string }) => ({
        address: a.address,
        algo: a.algo,
        pubkey: fromB64(a.pubkey),
      })),
    signDirect: async (
      signerAddress: string,
      doc: { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint },
    ) => {
      const response = await call("signDirect", chainId, signerAddress, {
        bodyBytes: toB64(doc.bodyBytes),
        authInfoBytes: toB64(doc.authInfoBytes),
        chainId: doc.chainId,
        accountNumber: doc.accountNumber.toString(),
      });
      return {
        signed: {
          bodyBytes: fromB64(response.signed.bodyBytes),
          authInfoBytes: fromB64(response.signed.authInfoBytes),
          chainId: response.signed.chainId,
          accountNumber: BigInt(response.signed.accountNumber),
        },
        signature: response.signature,
      };
    },
  });
  (window as unknown as { keplr: unknown }).keplr = {
    version: "stand-in",
    mode: "extension",
    experimentalSuggestChain: (info: unknown) => call("experimentalSuggestChain", JSON.parse(JSON.stringify(info))),
    enable: (chainIds: string | string[]) => call("enable", chainIds),
    getKey: async (chainId: string) => {
      const key = await call("getKey", chainId);
      return { ...key, pubKey: fromB64(key.pubKey), address: fromB64(key.address) };
    },
    getOfflineSigner: (chainId: string) => signer(chainId),
    getOfflineSignerAuto: async (chainId: string) => signer(chainId),
  };
}
