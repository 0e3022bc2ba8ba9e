// The layering of DESIGN.md as rules `npm run check:deps` enforces in CI:
// entries → features → queue machinery → services → core, imports pointing down
// only. Each layer lists its folders lowest first, and a folder may import only
// folders listed before it (never one beside or above it), so no two folders
// can import each other and no cycle can form between folders.

/** Lowest first. `queues` is the top-level queue machinery; the rest live under src/. */
const ORDER = [
  "core",
  // Prometheus metrics: every service and feature may count something.
  "metrics",
  // services
  "config",
  "diff",
  "markdown",
  "secrets",
  "llm",
  "analysis",
  "github",
  "queues",
  // features
  "audit",
  // what the team's reactions taught foureyes, per repository (review and commands read it)
  "learning",
  "reports",
  "review",
  // catch-up: redelivers missed webhooks, queues reviews of pull requests whose webhook never came
  "sweep",
  "commands",
  // entries
  "app",
  "cli",
  "entry",
];

const folderPath = (name) =>
  name === "queues" ? "^queues/" : name === "entry" ? "^src/[^/]+\\.ts$" : `^src/${name}/`;

const upward = ORDER.slice(0, -1).map((name, rank) => ({
  name: `${name}-imports-down-only`,
  comment: `${name} may import only: ${ORDER.slice(0, rank).join(", ") || "nothing of ours"}`,
  severity: "error",
  from: { path: folderPath(name) },
  to: {
    path: ORDER.slice(rank + 1).map(folderPath),
  },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import cycle between modules.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unlisted-folder",
      comment: "Every folder under src/ has its place in the layer order of .dependency-cruiser.cjs.",
      severity: "error",
      from: { path: "^src/", pathNot: [...ORDER.map(folderPath)] },
      to: {},
    },
    {
      name: "tests-stay-out-of-production",
      severity: "error",
      from: { path: "^(src|queues)/" },
      to: { path: "^test/" },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
