// The page's arithmetic, without a browser or a chain (CI runs these through scripts/web/build.sh).
import { expect, test } from "@playwright/test";
import { formatAmount, nanosToDate, nextPeriodBoundary, parseAmount, percent } from "../src/amounts";
import { contractError } from "../src/errors";
import { bookingsFor, cancellable, listFrom, refundText, refundVouchers, visitorTag } from "../src/abroad";
import type { BookingResponse } from "@dac/contracts-client/HousingRegistry.types";
import { readPages } from "../src/query";
import { bookingIdsIn, dayOf, isoOf } from "../src/guests";
import { buildProposal, DEFAULT_FORM, nextStep, type DealForm } from "../src/deals";
import type { DealResponse } from "@dac/contracts-client/Escrow.types";
import { buildMessages } from "../src/proposals";
import { rulingsOf, rulingText } from "../src/panels";
import type { CosmosMsgForEmpty } from "@dac/contracts-client/Council.types";

test("amounts are shown in whole tokens with every decimal, exactly", () => {
  expect(formatAmount("1000000000", 6, "CMC")).toBe("1,000.000000 CMC");
  expect(formatAmount("999990500", 6, "CMC")).toBe("999.990500 CMC");
  expect(formatAmount("1", 6, "CMC")).toBe("0.000001 CMC");
  expect(formatAmount(-951n, 6, "CMC")).toBe("-0.000951 CMC");
  expect(formatAmount("42", 0, "HOME")).toBe("42 HOME");
  // Beyond 2^53: no floating point on the way.
  expect(formatAmount("123456789012345678901", 6, "CMC")).toBe("123,456,789,012,345.678901 CMC");
});

test("the next decay step is the next whole period after the checkpoint", () => {
  const checkpoint = `${1_000_000}000000000`; // nanoseconds
  expect(nextPeriodBoundary(checkpoint, 60, 1_000_000)).toBe(1_000_060);
  expect(nextPeriodBoundary(checkpoint, 60, 1_000_059)).toBe(1_000_060);
  expect(nextPeriodBoundary(checkpoint, 60, 1_000_060)).toBe(1_000_120);
  expect(nextPeriodBoundary(checkpoint, 86_400, 1_000_000 + 3 * 86_400 + 5)).toBe(1_000_000 + 4 * 86_400);
  // A clock behind the chain's checkpoint still points at the first step.
  expect(nextPeriodBoundary(checkpoint, 60, 999_990)).toBe(1_000_060);
});

test("rates read as percentages and chain timestamps as dates", () => {
  expect(percent("0.00000095")).toBe("0.000095%");
  expect(percent("0.0005")).toBe("0.05%");
  expect(percent("0.5")).toBe("50%");
  expect(percent("1")).toBe("100%");
  // 10^9 s after the epoch is 2001-09-09T01:46:40Z; nanoseconds below the millisecond drop.
  expect(nanosToDate("1000000000123456789").toISOString()).toBe("2001-09-09T01:46:40.123Z");
});

test("amounts typed in display units become exact smallest units, and bad input says why", () => {
  expect(parseAmount("12.5", 6)).toEqual({ units: 12_500_000n });
  expect(parseAmount("1,000", 6)).toEqual({ units: 1_000_000_000n });
  expect(parseAmount("0.000001", 6)).toEqual({ units: 1n });
  expect(parseAmount(".5", 6)).toEqual({ units: 500_000n });
  expect(parseAmount("0.0000001", 6)).toEqual({ error: "At most 6 decimals." });
  expect(parseAmount("0", 6)).toEqual({ error: "The amount must be more than zero." });
  expect(parseAmount("-3", 6)).toHaveProperty("error");
  expect(parseAmount("1e3", 6)).toHaveProperty("error");
  expect(parseAmount("", 6)).toEqual({ error: "Enter an amount." });
});

test("a failed transaction reads as the contract's own error", () => {
  const simulated =
    "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: Cannot Sub with given operands: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/keeper.go:436] With gas wanted: '300000000' and gas used: '96542' : unknown request";
  expect(contractError(new Error(simulated))).toBe("Cannot Sub with given operands");
  expect(contractError(new Error("Broadcasting transaction failed with code 5 (codespace: wasm). Log: failed to execute message; message index: 0: not a gatekeeper: execute wasm contract failed"))).toBe(
    "not a gatekeeper",
  );
  // The registry refusing a booking paid by a token send: the registry's words, not wasmd's dispatch.
  expect(contractError(new Error("Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: dispatch: submessages: nights 20832..20833 overlap booking 3: execute wasm contract failed [CosmWasm/wasmd/x/wasm/keeper/keeper.go:1] with gas used: '1': unknown request"))).toBe(
    "nights 20832..20833 overlap booking 3",
  );
  expect(contractError("plain words")).toBe("plain words");
});

test("the Propose form builds each common kind's message exactly", () => {
  const contracts = { token: "wasm1token", council: "wasm1council", housing: "wasm1housing" };
  const decode = (msg: CosmosMsgForEmpty) => {
    const exec = (msg as { wasm: { execute: { contract_addr: string; msg: string } } }).wasm.execute;
    return [exec.contract_addr, JSON.parse(Buffer.from(exec.msg, "base64").toString())];
  };
  expect(buildMessages("text", {}, contracts)).toEqual([]);
  // 0.01% a period is a rate of 0.0001.
  expect(buildMessages("demurrage", { rate: "0.01", period: "86400" }, contracts).map(decode)).toEqual([
    ["wasm1token", { update_demurrage: { rate: "0.0001", period_seconds: 86400 } }],
  ]);
  expect(() => buildMessages("demurrage", { rate: "abc", period: "60" }, contracts)).toThrow("percentage");
  expect(buildMessages("home", { zone: " Riverside ", rooms: "2", stepFree: "yes" }, contracts).map(decode)).toEqual([
    ["wasm1housing", { register_home: { zone: "Riverside", rooms: 2, accessibility: ["step_free"], status: "available" } }],
  ]);
  expect(() => buildMessages("home", { zone: "", rooms: "2" }, contracts)).toThrow("zone");
  expect(buildMessages("admit", { applicant: "wasm1newcomer" }, contracts).map(decode)).toEqual([["wasm1council", { admit: { applicant: "wasm1newcomer" } }]]);
  const [upgrade] = buildMessages("upgrade", { contract: "wasm1token", codeId: "7", migrateMsg: "{}" }, contracts) as {
    wasm: { migrate: { contract_addr: string; new_code_id: number; msg: string } };
  }[];
  expect([upgrade.wasm.migrate.contract_addr, upgrade.wasm.migrate.new_code_id, atob(upgrade.wasm.migrate.msg)]).toEqual(["wasm1token", 7, "{}"]);
  expect(() => buildMessages("upgrade", { contract: "wasm1token", codeId: "x" }, contracts)).toThrow("code id");
  expect(() => buildMessages("raw", { raw: "{}" }, contracts)).toThrow("JSON array");
  // Treaties travel through the relay, which the council administers.
  const withRelay = { ...contracts, relay: "wasm1relay" };
  const treaty = { channel: " channel-3 ", treatyKind: "mutual_recognition", title: "Treaty with the valley", treatyTitle: "", terms: " Each recognizes the other's members. " };
  expect(buildMessages("treaty", treaty, withRelay).map(decode)).toEqual([
    ["wasm1relay", { propose_treaty: { channel_id: "channel-3", kind: "mutual_recognition", title: "Treaty with the valley", terms: "Each recognizes the other's members." } }],
  ]);
  expect(JSON.parse(atob((buildMessages("treaty", { ...treaty, treatyTitle: "Valley accord" }, withRelay)[0] as { wasm: { execute: { msg: string } } }).wasm.execute.msg)).propose_treaty.title).toBe("Valley accord");
  expect(() => buildMessages("treaty", treaty, contracts)).toThrow("no relay");
  expect(() => buildMessages("treaty", { ...treaty, channel: "" }, withRelay)).toThrow("channel");
  expect(() => buildMessages("treaty", { ...treaty, treatyKind: "alliance" }, withRelay)).toThrow("kind of treaty");
  expect(() => buildMessages("treaty", { ...treaty, terms: " " }, withRelay)).toThrow("terms");
  expect(buildMessages("ratify", { treatyId: "4" }, withRelay).map(decode)).toEqual([["wasm1relay", { ratify_treaty: { treaty_id: 4 } }]]);
  expect(() => buildMessages("ratify", { treatyId: "x" }, withRelay)).toThrow("treaty to ratify");
});

test("a guest night's date is the registry's day number, and my bookings are found in the index", () => {
  // 2026-12-24T00:00Z is 20811 days after 1970-01-01.
  expect(dayOf("2026-12-24")).toBe(20811);
  expect(isoOf(20811)).toBe("2026-12-24");
  expect(dayOf("1970-01-01")).toBe(0);
  expect(dayOf("24/12/2026")).toBeNull();
  expect(dayOf("")).toBeNull();
  const event = (attributes: Record<string, string>) => ({ type: "wasm", attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })) });
  const tx = (height: number, code: number, ...events: ReturnType<typeof event>[]) =>
    ({ height, code, events, hash: `H${height}`, txIndex: 0, tx: new Uint8Array(), rawLog: "", msgResponses: [], gasUsed: 0n, gasWanted: 0n }) as never;
  const booked = (id: string, payer: string, contract = "wasm1housing") => event({ _contract_address: contract, action: "book_guest", booking_id: id, payer });
  const txs = [
    tx(5, 0, booked("1", "wasm1me")),
    tx(9, 0, booked("4", "wasm1me")),
    // Someone else's booking, another contract's event, a failed tx and a cancellation are not bookings of mine.
    tx(10, 0, booked("5", "wasm1other")),
    tx(11, 0, booked("6", "wasm1me", "wasm1elsewhere")),
    tx(12, 5, booked("7", "wasm1me")),
    tx(13, 0, event({ _contract_address: "wasm1housing", action: "cancel_booking", booking_id: "4", payer: "wasm1me" })),
  ];
  expect(bookingIdsIn(txs, "wasm1housing", "wasm1me")).toEqual([4, 1]);
});

test("the deal form builds each escrow kind's terms with its deadlines, and names the field it cannot read", () => {
  const now = 1_000_000;
  const base: DealForm = { ...DEFAULT_FORM, counterparty: " wasm1bob ", arbitrator: "wasm1carol", amount: "0.5", collateral: "0.1", description: " bread " };
  const forward = buildProposal(base, 6, now);
  expect(forward.stake).toBe(500_000n);
  expect(forward.terms).toEqual({
    counterparty: "wasm1bob",
    arbitrator: "wasm1carol",
    kind: { forward: {} },
    counterparty_stake: "0",
    arbitrator_collateral: "100000",
    sign_by: `${now + 86_400}000000000`,
    due: `${now + 7 * 86_400}000000000`,
    grace_seconds: 86_400,
    ruling_seconds: 86_400,
    appeal_seconds: 86_400,
    description: "bread",
  });
  // Minutes and hours too; no appeal window at all is allowed, no time to rule is not.
  const quick = buildProposal({ ...base, signWithin: { count: "2", unit: "minutes" }, grace: { count: "3", unit: "hours" }, appeal: { count: "0", unit: "days" } }, 6, now).terms;
  expect([quick.sign_by, quick.grace_seconds, quick.appeal_seconds]).toEqual([`${now + 120}000000000`, 10_800, 0]);
  expect(() => buildProposal({ ...base, ruling: { count: "0", unit: "days" } }, 6, now)).toThrow("The arbitrator rules within");
  expect(() => buildProposal({ ...base, signWithin: { count: "1.5", unit: "days" } }, 6, now)).toThrow("whole number");

  const loan = buildProposal({ ...base, kind: "loan", amount: "1", interest: "0.1", counterpartyStake: "0.5" }, 6, now);
  expect([loan.stake, loan.terms.kind, loan.terms.counterparty_stake]).toEqual([1_000_000n, { loan: { interest: "100000" } }, "500000"]);
  // A loan without the borrower's collateral is refused here, with the field's name.
  expect(() => buildProposal({ ...base, kind: "loan", amount: "1" }, 6, now)).toThrow("Borrower's collateral");
  expect(buildProposal({ ...base, kind: "insurance", amount: "0.2", counterpartyStake: "1" }, 6, now).terms.kind).toEqual({ insurance: {} });

  const service = buildProposal(
    { ...base, kind: "service", amount: "", milestones: [{ amount: "0.3", dueIn: { count: "2", unit: "days" } }, { amount: "0.2", dueIn: { count: "4", unit: "days" } }, { amount: "", dueIn: { count: "9", unit: "days" } }] },
    6,
    now,
  );
  // The stake is the milestones' sum and the due date the last one's; an empty row is no milestone.
  expect(service.stake).toBe(500_000n);
  expect(service.terms.kind).toEqual({ service: { milestones: [{ amount: "300000", due: `${now + 2 * 86_400}000000000` }, { amount: "200000", due: `${now + 4 * 86_400}000000000` }] } });
  expect(service.terms.due).toBe(`${now + 4 * 86_400}000000000`);
  expect(() => buildProposal({ ...base, kind: "service", milestones: [{ amount: "", dueIn: { count: "1", unit: "days" } }] }, 6, now)).toThrow("at least one milestone");

  const pool = buildProposal({ ...base, kind: "pool", counterpartyStake: "0.2", members: [{ address: "wasm1dave", stake: "0.1" }, { address: "", stake: "" }] }, 6, now);
  expect(pool.terms.kind).toEqual({ pool: { members: [{ address: "wasm1dave", stake: "100000" }] } });
  expect(() => buildProposal({ ...base, kind: "pool", counterpartyStake: "0.2", members: [{ address: "wasm1dave", stake: "" }] }, 6, now)).toThrow("Pool member 1's stake");
  expect(buildProposal({ ...base, kind: "trade_shipment", attestor: "wasm1relay" }, 6, now).terms.kind).toEqual({ trade_shipment: { attestor: "wasm1relay" } });
  expect(() => buildProposal({ ...base, counterparty: "" }, 6, now)).toThrow("counterparty's address");
});

test("a deal reads as its next step, with whoever reads it as you", () => {
  const pot = (role: string, address: string, signed: boolean) => ({ role, address, signed, stake: "1", units: "0" });
  const deal = (status: string, kind: object, extra: object = {}) =>
    ({
      status,
      value_held: "0",
      holdings: [],
      deal: { id: 1, kind, claimed: false, milestone: 0, parties: [pot("proposer", "wasm1alice", true), pot("counterparty", "wasm1bob", false)], arbitrator: pot("arbitrator", "wasm1carol", false), ...extra },
    }) as unknown as DealResponse;
  expect(nextStep(deal("proposed", { forward: {} }), "wasm1bob")).toBe(
    "Waiting for counterparty (you), arbitrator (wasm1carol…arol) to sign; unsigned by the deadline, it expires and everyone is refunded.",
  );
  expect(nextStep(deal("active", { loan: { interest: "0" } }), "wasm1bob")).toContain("The borrower (you) repays");
  expect(nextStep(deal("active", { insurance: {} }, { claimed: true }), "wasm1alice")).toContain("The insured claimed a loss");
  expect(nextStep(deal("active", { service: { milestones: [{}, {}] } }, { milestone: 1 }), "wasm1bob")).toMatch(/^Milestone 2 of 2: The seller \(you\) delivers/);
  expect(nextStep(deal("closed", { forward: {} }, { status: { closed: { outcome: { expired: {} } } } }), "wasm1bob")).toBe("Closed: expired.");
});

test("a panelist's panels gather the proposals put to them, and a ruling reads as what it decides", () => {
  const chamber = (body: object) => ({ body, electorate: 3, rules: {}, tally: [0, 0, 0] });
  const proposal = (id: number, ...bodies: object[]) => ({ id, chambers: bodies.map(chamber) }) as never as { id: number; chambers: never[] };
  const list = [proposal(1, { council: { council_id: 1 } }), proposal(2, { panel: { panel_id: 7 } }), proposal(3, { panel: { panel_id: 8 } }), proposal(4, { panel: { panel_id: 7 } })];
  const byPanel = rulingsOf([7, 9], list);
  expect(byPanel.get(7)!.map((p) => p.id)).toEqual([4, 2]);
  expect(byPanel.get(9)).toEqual([]);
  // Only the panels asked for: panel 8 is someone else's.
  expect(byPanel.has(8)).toBe(false);
  const send = (msg: object) => ({ wasm: { execute: { contract_addr: "wasm1escrow", msg: Buffer.from(JSON.stringify(msg)).toString("base64"), funds: [] } } }) as CosmosMsgForEmpty;
  expect(rulingText([send({ panel_ruling: { deal_id: 5, ruling: { not_performed: {} } } })])).toBe("Deal #5: the deal was not performed");
  expect(rulingText([send({ panel_ruling: { deal_id: 6, ruling: { split: { proposer_share: "0.25" } } } })])).toBe("Deal #6: split, 25% to the proposer");
  expect(rulingText([send({ advance: { deal_id: 6 } })])).toBeUndefined();
});

test("my bookings abroad are the peer relay's active bookings for me, by first night, cancellable before it", () => {
  const me = visitorTag("node-a", "wasm1alice");
  expect(me).toBe("node-a/wasm1alice");
  const booking = (booking_id: number, start_day: number, more: Partial<BookingResponse> = {}): BookingResponse => ({
    booking_id,
    home_id: 1,
    guest: "wasm1alice",
    payer: "wasm1relay",
    on_behalf_of: me,
    start_day,
    end_day: start_day + 1,
    paid: "1000000",
    status: "active",
    refunded: "0",
    ...more,
  });
  const list = [
    booking(5, 120),
    booking(2, 110),
    booking(3, 100, { on_behalf_of: "node-a/wasm1bob" }),
    // The same member seen from another node, or named by another booking agent: not mine here.
    booking(4, 101, { on_behalf_of: "node-c/wasm1alice" }),
    booking(6, 102, { payer: "wasm1agent" }),
    booking(7, 103, { status: "completed" }),
    booking(8, 104, { on_behalf_of: null }),
    booking(1, 120, { home_id: 2 }),
  ];
  expect(bookingsFor(list, "wasm1relay", me).map((b) => b.booking_id)).toEqual([2, 1, 5]);
  expect(bookingsFor([], "wasm1relay", me)).toEqual([]);
  // The registry refuses from the first night on.
  expect(cancellable(booking(1, 110), 109)).toBe(true);
  expect(cancellable(booking(1, 110), 110)).toBe(false);
  expect(cancellable(booking(1, 110, { status: "cancelled" }), 50)).toBe(false);
  // A 14-night stay that began 13 days ago is still listed; day numbers never go negative.
  expect(listFrom(200, 14)).toBe(186);
  expect(listFrom(5, 14)).toBe(0);
});

test("a refund abroad reads in the peer's token and in the vouchers it comes back as, rounded down", () => {
  const token = { decimals: 6, symbol: "CMB" };
  // 2 units held for 1 token's worth: a 9-token refund comes back as 18 units (12 decimals).
  expect(refundVouchers(9_000_000n, 2_000_000_000_000n, 1_000_000n)).toBe(18_000_000_000_000n);
  expect(refundVouchers(10n, 3n, 7n)).toBe(4n);
  expect(refundVouchers(10n, 0n, 0n)).toBeNull();
  expect(refundText({ refund: "9000000", to_treasury: "1000000" }, token, { shares: 18_000_000_000_000n, decimals: 12 })).toBe(
    "Cancelling now refunds 9.000000 CMB there (about 18.000000000000 vouchers here); 1.000000 CMB goes to its treasury.",
  );
  expect(refundText({ refund: "9000000", to_treasury: "1000000" }, token, null)).toBe("Cancelling now refunds 9.000000 CMB there; 1.000000 CMB goes to its treasury.");
  expect(refundText({ refund: "0", to_treasury: "999999" }, token, null)).toBe("Cancelling now refunds nothing; 0.999999 CMB goes to its treasury.");
});

test("a bounded list read stops after its pages and says whether it saw the end", async () => {
  const items = Array.from({ length: 7 }, (_, i) => i + 1);
  const asked: (number | undefined)[] = [];
  const page = async (after: number | undefined) => {
    asked.push(after);
    return items.filter((i) => i > (after ?? 0)).slice(0, 3);
  };
  expect(await readPages(page, (i) => i, 2, 3)).toEqual({ items: [1, 2, 3, 4, 5, 6], complete: false });
  expect(asked).toEqual([undefined, 3]);
  expect(await readPages(page, (i) => i, 5, 3)).toEqual({ items: [1, 2, 3, 4, 5, 6, 7], complete: true });
  // A short first page is the end.
  expect(await readPages(async () => [], (i: number) => i, 5, 3)).toEqual({ items: [], complete: true });
});
