// Panels' rulings: a sortition panel decides by proposals whose chamber is the panel itself (for a
// deal's dispute, proposals that send the escrow that deal's `panel_ruling`). The council lists
// proposals by status, not by body, so the page reads them and groups them here.
import type { CosmosMsgForEmpty, ProposalResponse } from "@dac/contracts-client/Council.types";

/** The panel a proposal is put to, if it is a panel's. */
export function panelOf(proposal: Pick<ProposalResponse, "chambers">): number | undefined {
  for (const chamber of proposal.chambers) {
    if ("panel" in chamber.body) return chamber.body.panel.panel_id;
  }
  return undefined;
}

/** The proposals of each of `panels`, newest first. */
export function rulingsOf<P extends Pick<ProposalResponse, "chambers" | "id">>(panels: readonly number[], proposals: readonly P[]): Map<number, P[]> {
  const byPanel = new Map<number, P[]>(panels.map((id) => [id, []]));
  for (const proposal of proposals) {
    const panel = panelOf(proposal);
    if (panel !== undefined) byPanel.get(panel)?.push(proposal);
  }
  for (const list of byPanel.values()) list.sort((a, b) => b.id - a.id);
  return byPanel;
}

type Ruling = { performed: object } | { not_performed: object } | { split: { proposer_share: string } };

/** What a ruling decides for its deal, from the escrow `panel_ruling` it sends, in words. */
export function rulingText(msgs: readonly CosmosMsgForEmpty[]): string | undefined {
  for (const msg of msgs) {
    if (!("wasm" in msg) || !("execute" in msg.wasm)) continue;
    let body: { panel_ruling?: { deal_id: number; ruling: Ruling } };
    try {
      body = JSON.parse(atob(msg.wasm.execute.msg));
    } catch {
      continue;
    }
    const ruling = body?.panel_ruling;
    if (!ruling) continue;
    const r = ruling.ruling;
    const what =
      "performed" in r ? "the deal was performed" : "not_performed" in r ? "the deal was not performed" : `split, ${Number(r.split.proposer_share) * 100}% to the proposer`;
    return `Deal #${ruling.deal_id}: ${what}`;
  }
  return undefined;
}
