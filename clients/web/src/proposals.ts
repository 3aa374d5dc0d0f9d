// The messages a proposal carries, built from the Propose form's fields for the common kinds (a
// decision without messages, a demurrage rate, a home, an admission by the assembly, a treaty
// proposed to another node or ratified, a contract upgrade) or taken as raw JSON. Pure, so the
// unit tests check each kind's message exactly.
import type { CosmosMsgForEmpty } from "@dac/contracts-client/Council.types";

export type Kind = "text" | "demurrage" | "home" | "admit" | "treaty" | "ratify" | "upgrade" | "raw";
export const KINDS: { kind: Kind; label: string }[] = [
  { kind: "text", label: "A decision without messages" },
  { kind: "demurrage", label: "Change the demurrage rate" },
  { kind: "home", label: "Register a home" },
  { kind: "admit", label: "Admit a member by the assembly" },
  { kind: "treaty", label: "Propose a treaty to another node" },
  { kind: "ratify", label: "Ratify another node's treaty" },
  { kind: "upgrade", label: "Upgrade a contract" },
  { kind: "raw", label: "Raw messages (JSON)" },
];

/** The relay's kinds of treaty, as its messages name them. */
export const TREATY_KINDS = [
  { kind: "resource_sharing", label: "Resource sharing" },
  { kind: "joint_initiative", label: "Joint initiative" },
  { kind: "mutual_recognition", label: "Mutual recognition" },
] as const;

const toBase64 = (value: object) => btoa(JSON.stringify(value));
const wasmExecute = (contract: string, msg: object): CosmosMsgForEmpty => ({ wasm: { execute: { contract_addr: contract, msg: toBase64(msg), funds: [] } } });

/** The messages of a proposal of `kind`, from the form's fields; throws a sentence on bad input. */
export function buildMessages(kind: Kind, f: Record<string, string>, contracts: { token: string; council: string; housing: string; relay?: string }): CosmosMsgForEmpty[] {
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
    case "treaty": {
      // The council is the relay's admin: the relay sends the proposal to the other node.
      if (!contracts.relay) throw new Error("This node has no relay contract: treaties travel through it.");
      if (!f.channel?.trim()) throw new Error("Choose the channel to the other node.");
      if (!TREATY_KINDS.some((k) => k.kind === f.treatyKind)) throw new Error("Choose the kind of treaty.");
      const title = (f.treatyTitle || f.title || "").trim();
      if (!title) throw new Error("Give the treaty a title.");
      if (!f.terms?.trim()) throw new Error("Write the treaty's terms.");
      return [wasmExecute(contracts.relay, { propose_treaty: { channel_id: f.channel.trim(), kind: f.treatyKind, title, terms: f.terms.trim() } })];
    }
    case "ratify": {
      if (!contracts.relay) throw new Error("This node has no relay contract: treaties travel through it.");
      const treatyId = Number(f.treatyId);
      if (!f.treatyId?.trim() || !Number.isInteger(treatyId) || treatyId <= 0) throw new Error("Choose the treaty to ratify.");
      return [wasmExecute(contracts.relay, { ratify_treaty: { treaty_id: treatyId } })];
    }
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

