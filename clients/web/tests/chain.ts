// The test's own view of the chain, outside the page: the public test accounts
// (scripts/chain/accounts.env) as CosmJS signers, and the generated typed clients over them. It
// prepares what the page should show (a short demurrage period, a home, an open proposal) and
// checks on chain what the page did.
import { CosmWasmClient, SigningCosmWasmClient, type ExecuteResult } from "@cosmjs/cosmwasm";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";
import { CouncilClient, CouncilQueryClient } from "@dac/contracts-client/Council.client";
import type { CosmosMsgForEmpty } from "@dac/contracts-client/Council.types";
import { DemurrageTokenClient, DemurrageTokenQueryClient } from "@dac/contracts-client/DemurrageToken.client";
import { IbcRelayQueryClient } from "@dac/contracts-client/IbcRelay.client";
import { HousingRegistryClient, HousingRegistryQueryClient } from "@dac/contracts-client/HousingRegistry.client";
import { readFileSync } from "node:fs";
import { queriesThrough, transactionsThrough } from "../src/codegen-adapter";
import type { PageConfig } from "../src/config";

/** How often the test's own transactions are looked for in the chain (~1 s blocks). */
const POLL_MS = 500;

export interface Account {
  name: string;
  mnemonic: string;
  address: string;
  client: SigningCosmWasmClient;
}

/** name="mnemonic" lines of accounts.env, in order. */
export function readAccounts(path: string): { name: string; mnemonic: string }[] {
  return [...readFileSync(path, "utf8").matchAll(/^([a-z0-9_]+)="([^"]+)"$/gm)].map(([, name, mnemonic]) => ({ name, mnemonic }));
}

export function wasmAttribute(result: ExecuteResult, key: string): string {
  for (const event of result.events) {
    const found = event.type.startsWith("wasm") && event.attributes.find((a) => a.key === key);
    if (found) return found.value;
  }
  throw new Error(`no wasm attribute ${key} in tx ${result.transactionHash}`);
}

export class Chain {
  private constructor(
    readonly config: PageConfig,
    readonly accounts: Map<string, Account>,
    readonly reader: CosmWasmClient,
  ) {}

  static async connect(config: PageConfig, accountsEnv: string): Promise<Chain> {
    const gasPrice = GasPrice.fromString(`${config.gasPrice}${config.feeDenom}`);
    const accounts = new Map<string, Account>();
    for (const { name, mnemonic } of readAccounts(accountsEnv)) {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: config.bech32Prefix });
      const [{ address }] = await wallet.getAccounts();
      const client = await SigningCosmWasmClient.connectWithSigner(config.rpc, wallet, { gasPrice, broadcastPollIntervalMs: POLL_MS });
      accounts.set(name, { name, mnemonic, address, client });
    }
    return new Chain(config, accounts, await CosmWasmClient.connect(config.rpc));
  }

  account(name: string): Account {
    const account = this.accounts.get(name);
    if (!account) throw new Error(`no account ${name} in accounts.env`);
    return account;
  }

  get token() {
    return new DemurrageTokenQueryClient(queriesThrough(this.reader), this.config.contracts.token);
  }
  get council() {
    return new CouncilQueryClient(queriesThrough(this.reader), this.config.contracts.council);
  }
  get relay() {
    return new IbcRelayQueryClient(queriesThrough(this.reader), this.config.contracts.relay!);
  }
  get housing() {
    return new HousingRegistryQueryClient(queriesThrough(this.reader), this.config.contracts.housing);
  }
  councilAs(account: Account) {
    return new CouncilClient(transactionsThrough(account.client), account.address, this.config.contracts.council);
  }
  housingAs(account: Account) {
    return new HousingRegistryClient(transactionsThrough(account.client), account.address, this.config.contracts.housing);
  }

  /** The accounts of accounts.env seated in the executive council: the ones who can pass proposals. */
  async seatedAccounts(): Promise<Account[]> {
    const { members } = await this.council.listCouncilMembers({ councilId: this.config.councilId, limit: 100 });
    const seated = new Set(members.map((m) => m.addr));
    return [...this.accounts.values()].filter((a) => seated.has(a.address));
  }

  /** Proposes `msgs` in the executive council; returns the proposal id. */
  async propose(proposer: Account, title: string, msgs: CosmosMsgForEmpty[] = []): Promise<number> {
    const result = (await this.councilAs(proposer).propose({
      chambers: [{ council: { council_id: this.config.councilId } }],
      title,
      topic: "governance",
      description: title,
      choices: { yes_no: {} },
      msgs,
    })) as ExecuteResult;
    return Number(wasmAttribute(result, "proposal_id"));
  }

  /** Every seated account votes yes, then the proposal is closed and executed. */
  async pass(title: string, msgs: CosmosMsgForEmpty[]): Promise<number> {
    const voters = await this.seatedAccounts();
    if (voters.length === 0) throw new Error("no account of accounts.env sits in the executive council");
    const id = await this.propose(voters[0], title, msgs);
    for (const voter of voters) {
      const { ballot } = await this.council.vote({ proposalId: id, voter: voter.address });
      if (!ballot) await this.councilAs(voter).vote({ proposalId: id, option: "yes" });
    }
    await this.councilAs(voters[0]).close({ proposalId: id });
    await this.councilAs(voters[0]).execute({ proposalId: id });
    const proposal = await this.council.proposal({ proposalId: id });
    if (proposal.status !== "executed") throw new Error(`proposal ${id} (${title}) ended ${proposal.status}: ${proposal.execution_error ?? ""}`);
    return id;
  }

  /** A fresh key (never seen on chain) with `stake` of the fee token from `deployer`, for gas. */
  async newcomer(name: string, stake = 5_000_000): Promise<Account> {
    const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: this.config.bech32Prefix });
    const [{ address }] = await wallet.getAccounts();
    const gasPrice = GasPrice.fromString(`${this.config.gasPrice}${this.config.feeDenom}`);
    const funder = this.account("deployer");
    await funder.client.sendTokens(funder.address, address, [{ denom: this.config.feeDenom, amount: String(stake) }], "auto");
    const client = await SigningCosmWasmClient.connectWithSigner(this.config.rpc, wallet, { gasPrice, broadcastPollIntervalMs: POLL_MS });
    return { name, mnemonic: wallet.mnemonic, address, client };
  }

  tokenAs(account: Account) {
    return new DemurrageTokenClient(transactionsThrough(account.client), account.address, this.config.contracts.token);
  }

  /** The token's transfers and sends in transaction `hash`, as the token's events record them. */
  async tokenMoves(hash: string): Promise<{ from: string; to: string; amount: bigint }[]> {
    const tx = await this.reader.getTx(hash);
    if (!tx) throw new Error(`no transaction ${hash}`);
    return tx.events
      .filter((e) => e.type === "wasm")
      .map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])))
      .filter((a) => a._contract_address === this.config.contracts.token && (a.action === "transfer" || a.action === "send"))
      .map((a) => ({ from: a.from, to: a.to, amount: BigInt(a.amount) }));
  }

  /** What `address` received in the token in transaction `hash`. */
  async receivedIn(hash: string, address: string): Promise<bigint> {
    return (await this.tokenMoves(hash)).filter((m) => m.to === address).reduce((sum, m) => sum + m.amount, 0n);
  }

  /** A message the council sends to one of the node's contracts. */
  wasmExecute(contract: string, msg: object): CosmosMsgForEmpty {
    return { wasm: { execute: { contract_addr: contract, msg: Buffer.from(JSON.stringify(msg)).toString("base64"), funds: [] } } };
  }
}
