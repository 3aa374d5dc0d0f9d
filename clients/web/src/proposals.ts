// The messages a proposal carries, built from the Propose form's fields for the common kinds (a
// decision without messages, a demurrage rate, a home, an admission by the assembly, a contract
// upgrade) or taken as raw JSON. Pure, so the unit tests check each kind's message exactly.
import type { CosmosMsgForEmpty } from "@dac/contracts-client/Council.types";

export type Kind = "text" | "demurrage" | "home" | "admit" | "upgrade" | "raw";
export const KINDS: { kind: Kind; label: string }[] = [
  { kind: "text", label: "A decision without messages" },
  { kind: "demurrage", label: "Change the demurrage rate" },
  { kind: "home", label: "Register a home" },
  { kind: "admit", label: "Admit a member by the assembly" },
  { kind: "upgrade", label: "Upgrade a contract" },
  { kind: "raw", label: "Raw messages (JSON)" },
];

const toBase64 = (value: object) => btoa(JSON.stringify(value));
const wasmExecute = (contract: string, msg: object): CosmosMsgForEmpty => ({ wasm: { execute: { contract_addr: contract, msg: toBase64(msg), funds: [] } } });

/** The messages of a proposal of `kind`, from the form's fields; throws a sentence on bad input. */
export function buildMessages(kind: Kind, f: Record<string, string>, contracts: { token: string; council: string; housing: string }): CosmosMsgForEmpty[] {
  switch (kind) {
    case "text":
      return [];
    case "demurrage": {
      const rate = Number(f.rate) / 100;
      if (!(rate >= 0 && rate < 1)) throw new Error("The rate is a percentage per period, e.g. 0.01.");
      const period = Number(f.period);
      if (!Number.isInteger(period) || period <= 0) throw new Error("The period is a whole number of seconds.");
      return [wasmExecute(contracts.token, { update_demurrage: { rate: rate.toFixed(18).replace(/0+$/, "").replace(/\.$/, ""), period_seconds: period } })];
    }
    case "home": {
      const rooms = Number(f.rooms);
      if (!Number.isInteger(rooms) || rooms <= 0) throw new Error("Rooms is a whole number above zero.");
      if (!f.zone?.trim()) throw new Error("Name the home's zone.");
      const accessibility = f.stepFree === "yes" ? ["step_free"] : [];
      return [wasmExecute(contracts.housing, { register_home: { zone: f.zone.trim(), rooms, accessibility, status: "available" } })];
    }
    case "admit":
      if (!f.applicant?.trim()) throw new Error("Name the applicant's address.");
      return [wasmExecute(contracts.council, { admit: { applicant: f.applicant.trim() } })];
    case "upgrade": {
      const codeId = Number(f.codeId);
      if (!Number.isInteger(codeId) || codeId <= 0) throw new Error("The new code id is a whole number.");
      let migrate: object;
      try {
        migrate = JSON.parse(f.migrateMsg || "{}");
      } catch {
        throw new Error("The migrate message must be JSON.");
      }
      return [{ wasm: { migrate: { contract_addr: f.contract?.trim() ?? "", new_code_id: codeId, msg: toBase64(migrate) } } }];
    }
    case "raw": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(f.raw || "[]");
      } catch {
        throw new Error("The messages must be a JSON array of CosmosMsg.");
      }
      if (!Array.isArray(parsed)) throw new Error("The messages must be a JSON array of CosmosMsg.");
      return parsed as CosmosMsgForEmpty[];
    }
  }
}

