// The mesh directory (no wallet needed): every node this node's relay recognizes, and for each
// whose RPC the node publishes (its config's peers), its guest homes and their price per night,
// read over that node's own RPC, so a traveller can plan a stay without the CLI.
import type { RemoteNode } from "@dac/contracts-client/IbcRelay.types";
import { useNode } from "../node";
import { guestOffer, openPeer } from "../peers";
import { readAll, useChain } from "../query";

export function Mesh() {
  const node = useNode();
  const recognized = useChain(
    ["relay-nodes"],
    () => readAll((startAfter?: string) => node.relay!.listNodes({ startAfter, limit: 30 }).then((r) => r.nodes), (n) => n.name),
    !!node.relay,
  );
  if (!node.relay) return <p className="card">This node has no IBC relay: it recognizes no other node.</p>;
  return (
    <div className="grid">
      <section className="card wide" aria-labelledby="mesh-title" data-testid="mesh">
        <h2 id="mesh-title">The mesh: nodes this node recognizes</h2>
        <p className="muted">Guest homes and their price per night on each node, read from that node's own chain. Book one from the Abroad page with that node's vouchers.</p>
        {recognized.data?.length === 0 && <p>This node recognizes no other node yet: its council does so by a proposal.</p>}
      </section>
      {recognized.data?.map((n) => (
        <MeshNode key={n.name} remote={n} />
      ))}
    </div>
  );
}

function MeshNode({ remote }: { remote: RemoteNode }) {
  const node = useNode();
  const peer = node.config.peers?.find((p) => p.name === remote.name);
  const opened = useChain(["peer", peer?.name], () => openPeer(peer!), !!peer);
  const offer = useChain(["peer-guest-offer", peer?.name], () => guestOffer(opened.data!), !!opened.data);
  const id = `mesh-${remote.name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <section className="card wide" aria-labelledby={id} data-testid="mesh-node" data-node={remote.name}>
      <h2 id={id}>{remote.name}</h2>
      <p className="muted">
        Connection {remote.connection_id}
        {opened.data && <> · chain {opened.data.chainId} · token {opened.data.tokenInfo.symbol}</>}
      </p>
      {!peer && <p data-testid="mesh-unpublished">This node publishes no RPC address for it: its guest homes cannot be read from here.</p>}
      {opened.error && (
        <p role="alert" className="error" data-testid="mesh-error">
          Its chain does not answer: {String((opened.error as Error).message ?? opened.error)}
        </p>
      )}
      {opened.data && offer.data === null && <p>It has no housing registry for guests.</p>}
      {opened.data && offer.data && (
        <>
          <p data-testid="mesh-price" data-amount={offer.data.rules.price_per_day}>
            {opened.data.amount(offer.data.rules.price_per_day)} a night, stays of up to {offer.data.rules.max_stay_days} nights, booked up to {offer.data.rules.max_advance_days} days ahead
          </p>
          {offer.data.homes.length === 0 ? (
            <p>No guest home there yet.</p>
          ) : (
            <table>
              <caption className="muted">Guest homes on {remote.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Home</th>
                  <th scope="col">Where</th>
                  <th scope="col">Rooms</th>
                  <th scope="col">Access</th>
                </tr>
              </thead>
              <tbody>
                {offer.data.homes.map((h) => (
                  <tr key={h.home_id} data-testid="mesh-home" data-home={h.home_id}>
                    <td>{h.home_id}</td>
                    <td>{h.zone}</td>
                    <td>{h.rooms}</td>
                    <td>{h.accessibility.length ? h.accessibility.join(", ").replace(/_/g, " ") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
