// Serves the built app (dist/) and its config.json on 127.0.0.1, and forwards /rpc to the chain's
// RPC, so the browser talks to the node from the page's own origin: a CometBFT node sends no CORS
// headers unless configured to, and a browser refuses its answers to a page from another origin.
// Likewise /peer/<i> forwards to the RPC of the config's i-th peer node.
//   node serve.mjs --config config.json --rpc http://127.0.0.1:26657 [--port 8080] [--dist dist]
// Also imported by the Playwright test: startServer() returns the page's URL and a close().
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".map": "application/json" };

export async function startServer({ configPath, rpc, port = 0, dist = join(here, "dist") }) {
  const upstream = rpc.replace(/\/$/, "");
  const root = resolve(dist);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const peer = /^\/peer\/(\d+)(\/.*)?$/.exec(url.pathname);
      const peerRpc = peer && JSON.parse(await readFile(configPath, "utf8")).peers?.[Number(peer[1])]?.rpc;
      if (peer && !peerRpc) throw Object.assign(new Error("no such peer"), { code: "ENOENT" });
      if (peerRpc || url.pathname === "/rpc" || url.pathname.startsWith("/rpc/")) {
        const target = peerRpc ? peerRpc.replace(/\/$/, "") + (peer[2] ?? "") : upstream + url.pathname.slice(4);
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const forwarded = await fetch(target + url.search, {
          method: req.method,
          headers: { "content-type": req.headers["content-type"] ?? "application/json" },
          body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
        });
        res.writeHead(forwarded.status, { "content-type": forwarded.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await forwarded.arrayBuffer()));
        return;
      }
      if (url.pathname === "/config.json") {
        // The page reaches the chain through this server's /rpc, wherever the chain's RPC is.
        const stored = JSON.parse(await readFile(configPath, "utf8"));
        const peers = (stored.peers ?? []).map((p, i) => ({ ...p, pageRpc: `peer/${i}` }));
        const config = { ...stored, pageRpc: "rpc", peers };
        res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
        res.end(JSON.stringify(config, null, 2));
        return;
      }
      const file = join(root, normalize(url.pathname === "/" ? "/index.html" : url.pathname));
      if (!file.startsWith(root + "/")) throw Object.assign(new Error("outside dist"), { code: "ENOENT" });
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch (error) {
      const missing = error?.code === "ENOENT" || error?.code === "EISDIR";
      res.writeHead(missing ? 404 : 502, { "content-type": "text/plain" });
      res.end(missing ? "not found" : `proxy error: ${error}`);
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

// Run as a program (no top-level await: the Playwright test require()s this module).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { config: { type: "string" }, rpc: { type: "string" }, port: { type: "string", default: "8080" }, dist: { type: "string" } },
  });
  if (!values.config || !values.rpc) throw new Error("usage: node serve.mjs --config config.json --rpc URL [--port 8080] [--dist dist]");
  startServer({ configPath: values.config, rpc: values.rpc, port: Number(values.port), dist: values.dist }).then(({ url }) =>
    console.log(`serving the members' app at ${url} (RPC ${values.rpc} forwarded at /rpc)`),
  );
}
