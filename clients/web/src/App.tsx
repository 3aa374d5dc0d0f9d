// The app's frame: the node's name, the wallet, and one page at a time chosen by the URL's hash
// (#/money), so every page has an address and the browser's back button works.
import { useEffect, useRef, useState } from "react";
import { useNode, useWallet } from "./node";
import { useChain } from "./query";
import { Abroad } from "./pages/Abroad";
import { Council } from "./pages/Council";
import { Dashboard } from "./pages/Dashboard";
import { Deals } from "./pages/Deals";
import { Housing } from "./pages/Housing";
import { Justice } from "./pages/Justice";
import { Membership } from "./pages/Membership";
import { Mesh } from "./pages/Mesh";
import { Money } from "./pages/Money";

const PAGES = [
  { path: "dashboard", label: "Node", render: () => <Dashboard /> },
  { path: "money", label: "Money", render: () => <Money /> },
  { path: "membership", label: "Membership", render: () => <Membership /> },
  { path: "council", label: "Council", render: () => <Council /> },
  { path: "housing", label: "Housing", render: () => <Housing /> },
  { path: "deals", label: "Deals", render: () => <Deals /> },
  { path: "justice", label: "Justice", render: () => <Justice /> },
  { path: "abroad", label: "Abroad", render: () => <Abroad /> },
  { path: "mesh", label: "Mesh", render: () => <Mesh /> },
] as const;
type Path = (typeof PAGES)[number]["path"];

function currentPath(): Path {
  const wanted = location.hash.replace(/^#\/?/, "");
  return (PAGES.find((p) => p.path === wanted)?.path ?? "dashboard") as Path;
}

export function App() {
  const node = useNode();
  const { wallet, available, connecting, error, connect } = useWallet();
  const [path, setPath] = useState<Path>(currentPath);
  useEffect(() => {
    const follow = () => setPath(currentPath());
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  const member = useChain(["member", wallet?.address], () => node.council.member({ addr: wallet!.address }), !!wallet);
  const isMember = member.data ? member.data.weight != null : undefined;

  // A newcomer who is not yet a member sees how to ask to join first (once: they may go on to
  // other pages, e.g. to pay someone).
  const guided = useRef<string | null>(null);
  useEffect(() => {
    if (isMember !== false || !wallet || guided.current === wallet.address) return;
    guided.current = wallet.address;
    location.hash = "#/membership";
  }, [isMember, wallet]);

  const page = PAGES.find((p) => p.path === path)!;
  return (
    <>
      <header>
        <div className="brand">
          <h1>DAC members</h1>
          <p className="muted" data-testid="node">
            {node.config.chainName} · {node.config.chainId}
          </p>
        </div>
        <div className="account">
          {wallet ? (
            <p data-testid="who" className="who">
              <span>{wallet.name}</span> <code>{wallet.address}</code>
              {isMember !== undefined && (
                <span data-testid="standing" className={isMember ? "badge" : "badge badge-off"}>
                  {isMember ? "member" : "not a member"}
                </span>
              )}
            </p>
          ) : available ? (
            <button type="button" data-testid="connect" onClick={() => void connect()} disabled={connecting}>
              {connecting ? "Connecting…" : "Connect Keplr"}
            </button>
          ) : (
            <p data-testid="no-keplr" className="muted">
              Keplr not found: install the Keplr extension to act. The node's figures need no wallet.
            </p>
          )}
          {error && (
            <p role="alert" data-testid="error" className="error">
              {error}
            </p>
          )}
        </div>
      </header>
      <nav aria-label="Pages">
        {PAGES.map((p) => (
          <a key={p.path} href={`#/${p.path}`} aria-current={p.path === path ? "page" : undefined} data-testid={`nav-${p.path}`}>
            {p.label}
          </a>
        ))}
      </nav>
      <main data-testid={`page-${path}`}>
        {page.render()}
      </main>
    </>
  );
}

/** Shown on a page that needs a wallet when none is connected. */
export function NeedsWallet({ what }: { what: string }) {
  const { available, connect, connecting } = useWallet();
  return (
    <section className="card" data-testid="needs-wallet">
      <h2>Connect to {what}</h2>
      {available ? (
        <>
          <p>The app suggests this node's chain and its token to Keplr, then asks to use your account.</p>
          <button type="button" onClick={() => void connect()} disabled={connecting}>
            Connect Keplr
          </button>
        </>
      ) : (
        <p>This needs the Keplr browser extension (or a wallet with Keplr's interface). Install it, then reload.</p>
      )}
    </section>
  );
}
