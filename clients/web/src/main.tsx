// The members' app: loads the node's config.json, opens the node, then renders the app.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadConfig } from "./config";
import { NodeProvider, openNode } from "./node";
import "./style.css";

const root = createRoot(document.getElementById("root")!);

async function start(): Promise<void> {
  try {
    const node = await openNode(await loadConfig());
    const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
    root.render(
      <QueryClientProvider client={queries}>
        <NodeProvider node={node}>
          <App />
        </NodeProvider>
      </QueryClientProvider>,
    );
  } catch (e) {
    root.render(
      <p role="alert" data-testid="error">
        The app could not reach its node: {e instanceof Error ? e.message : String(e)}
      </p>,
    );
  }
}

// Keplr injects window.keplr while the page loads: look for it once everything has loaded.
if (document.readyState === "complete") void start();
else window.addEventListener("load", () => void start());
