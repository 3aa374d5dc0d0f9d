// The page's arithmetic, without a browser or a chain (CI runs these through scripts/web/build.sh).
import { expect, test } from "@playwright/test";
import { formatAmount, nanosToDate, nextPeriodBoundary, parseAmount, percent } from "../src/amounts";
import { contractError } from "../src/errors";
import { bookingIdsIn, dayOf, isoOf } from "../src/guests";
import { buildMessages } from "../src/proposals";
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
