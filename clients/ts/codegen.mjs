// Generates the typed clients of every contract from its committed JSON schema
// (schema/<contract-dir>/schema/<name>.json, written by `write_api!`) into the directory given as
// the first argument (src/ by default). Run through scripts/codegen.sh, which also checks staleness.
import tsCodegen from "@cosmwasm/ts-codegen";

// A CommonJS module: its default export arrives as `.default`.
const codegen = tsCodegen.default ?? tsCodegen;
import { readdirSync, existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaRoot = resolve(here, "../../schema");
const outPath = resolve(process.argv[2] ?? join(here, "src"));

// demurrage-token -> DemurrageToken: the class names are DemurrageTokenClient, ...QueryClient.
const pascal = (dir) => dir.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");

const contracts = readdirSync(schemaRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(schemaRoot, entry.name, "schema")))
  .map((entry) => entry.name)
  .sort()
  .map((dir) => ({ name: pascal(dir), dir: join(schemaRoot, dir, "schema") }));
if (contracts.length === 0) throw new Error(`no schemas under ${schemaRoot}`);

// The generator only adds files: start from an empty directory so a removed contract disappears.
rmSync(outPath, { recursive: true, force: true });

await codegen({
  contracts,
  outPath,
  options: {
    bundle: { enabled: true, bundleFile: "index.ts", scope: "contracts" },
    types: { enabled: true },
    // The council has queries and execute messages of the same name (`vote`, `report`,
    // `sanction`): an execute client that extended the query client would not type-check. So
    // every contract gets two classes, <Name>QueryClient and <Name>Client (executes only).
    client: { enabled: true, execExtendsQuery: false },
    messageComposer: { enabled: false },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
    messageBuilder: { enabled: false },
    useContractsHook: { enabled: false },
  },
});
console.error(`generated ${contracts.map((c) => c.name).join(", ")} into ${outPath}`);
