// The generated clients talk to ts-codegen's ICosmWasmClient / ISigningCosmWasmClient, whose fee
// type comes from interchainjs. CosmJS's clients do the same work; these adapt them.
import type { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import type { StdFee } from "@cosmjs/stargate";
import type { ICosmWasmClient, ISigningCosmWasmClient } from "@dac/contracts-client/baseClient";

export function queriesThrough(client: CosmWasmClient): ICosmWasmClient {
  return { queryContractSmart: (contract, query) => client.queryContractSmart(contract, query) };
}

export function transactionsThrough(client: SigningCosmWasmClient): ISigningCosmWasmClient {
  return {
    ...queriesThrough(client),
    execute: (sender, contract, msg, fee = "auto", memo, funds) =>
      client.execute(sender, contract, msg, fee as StdFee | "auto" | number, memo, funds),
  };
}
