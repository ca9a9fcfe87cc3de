/**
 * Every command of the README's ```sh blocks that runs offline, and what the README says it does: each runs in the
 * block's shell session (shell-session.ts) and is checked against those words, not just its exit code. A command
 * this table and readme-skipped.ts do not name fails the spec, so no README command escapes it. Commands are keyed
 * by their text; where one text appears with different comments, `comment` (the whole README comment) tells the
 * occurrences apart.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { parse, stringify } from "yaml";
import {
  apiCalls,
  deployCalls,
  LISTENING,
  listeningOn,
  REPORT_TITLE,
  type Runnable,
  servesThenStopsOnCtrlC,
  stoppedAndFreed,
} from "./readme-checks.ts";

const LOCAL_DEPLOY =
  "TENCENTCLOUD_SCF_ENDPOINT=http://127.0.0.1:9000 TENCENTCLOUD_SECRET_ID=AKIDLOCALCLOUD TENCENTCLOUD_SECRET_KEY=local-secret npx powercron deploy scf";

const TICK_TRIGGER = /^prod-powercron-(tick-\d+|enforce)-[0-9a-f]{6}$/;

export const RUNNABLE: readonly Runnable[] = [
  {
    command: "npm start",
    says: "`npm start` starts the local CVM/EC2 emulator with `config/fleet.example.json`, runs the stop function over `config/events/tencent-stop.json`, `aws-stop.json` and `alibaba-stop.json`, then the start function over the matching start events, and prints each report as a before/after table",
    way: { kind: "run" },
    check(result) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /local cloud on http:\/\/127\.0\.0\.1:\d+ with \d+ instances from config\/fleet\.example\.json/,
      );
      const events = [...result.stdout.matchAll(/^\$ powercron run (start|stop) --event (\S+)/gm)].map((m) =>
        m.slice(1),
      );
      expect(events).toEqual([
        ["stop", "config/events/tencent-stop.json"],
        ["stop", "config/events/aws-stop.json"],
        ["stop", "config/events/alibaba-stop.json"],
        ["start", "config/events/tencent-start.json"],
        ["start", "config/events/aws-start.json"],
        ["start", "config/events/alibaba-start.json"],
      ]);
      expect([...result.stdout.matchAll(REPORT_TITLE)].map((m) => m[1])).toEqual([
        "stop",
        "stop",
        "stop",
        "start",
        "start",
        "start",
      ]);
      const headers = result.stdout.split("\n").filter((line) => line.startsWith("provider "));
      expect(headers).toHaveLength(6);
      for (const header of headers) expect(header.split(/\s+/)).toEqual(expect.arrayContaining(["before", "after"]));
    },
  },
  {
    command: "npx powercron local-cloud --port 9000 &",
    says: "Try it against a local cloud",
    way: { kind: "background", ready: LISTENING },
    check: listeningOn,
  },
  {
    command: "npx powercron run stop --event config/events/tencent-stop.json --local-cloud http://127.0.0.1:9000",
    comment: "",
    says: "Try it against a local cloud",
    way: { kind: "run" },
    check(result) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^stop: 18 instances in \d+ ms$/m);
      expect(result.stdout).toMatch(/^totals: \d+ stopped/m);
      expect(apiCalls(result.stdout)).toMatch(/StopInstances ×\d+/);
    },
  },
  {
    command: "npx powercron run stop --event config/events/tencent-stop.json --local-cloud http://127.0.0.1:9000",
    comment: "no StopInstances now",
    says: "no StopInstances now",
    way: { kind: "run" },
    check(result) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^totals: 18 already-stopped$/m);
      expect(apiCalls(result.stdout)).toMatch(/^DescribeInstances ×\d+$/);
    },
  },
  {
    command: "kill %1",
    comment: "stops the local cloud and frees the port",
    says: "stops the local cloud and frees the port",
    way: { kind: "kill", job: 1 },
    check: (result, session) => stoppedAndFreed(result, session, "SIGTERM"),
  },
  {
    command: "npx powercron plan --days 14",
    says: "what will happen, and why",
    way: { kind: "run" },
    check(result, session) {
      expect(result.code).toBe(0);
      const span = /^plan from (\S+) to (\S+)$/m.exec(result.stdout);
      expect(Date.parse(span?.[2] ?? "") - Date.parse(span?.[1] ?? "")).toBe(14 * 86_400_000);
      const config = readFileSync(join(session.dir, "config/schedules.yaml"), "utf8");
      const groups = (parse(config) as { groups: { name: string }[] }).groups;
      for (const { name } of groups) expect(result.stdout).toMatch(new RegExp(`^${name} `, "m"));
      // "and why": every fire or skip names its reason (the cron, a calendar's day, a skipped holiday).
      const rows = result.stdout.split("\n").filter((line) => /^ {2}\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} /.test(line));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/\)\s+(start|stop)\s+\S.*$/);
    },
  },
  {
    command: "npx powercron triggers --platform scf",
    says: "the SCF timer triggers it will create",
    way: { kind: "run" },
    check(result) {
      expect(result.code).toBe(0);
      const [, header, ...rows] = result.stdout.trimEnd().split("\n");
      expect(header).toMatch(/^trigger\s+function\s+cron\s+custom argument\s+groups served$/);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const [name, fn] = row.split(/\s+/);
        expect(name).toMatch(TICK_TRIGGER);
        expect(["start", "stop"]).toContain(fn);
      }
    },
  },
  {
    command: "npx powercron deploy scf --dry-run",
    says: "builds the zips, reads the account (none without credentials: an empty one), prints the calls it would make",
    way: { kind: "run" },
    check(result, session) {
      expect(result.code).toBe(0);
      for (const name of ["start", "stop"]) {
        expect(result.stdout).toContain(`built ${join(session.dir, `dist/scf/${name}.zip`)} `);
        expect(statSync(join(session.dir, `dist/scf/${name}.zip`)).size).toBeGreaterThan(0);
      }
      expect(result.stdout).toContain("no Tencent credentials: planning against an empty account");
      expect(deployCalls(result.stdout, "would call")).toEqual(
        expect.arrayContaining([
          ["CreateFunction", "powercron-prod-start"],
          ["CreateTrigger", "powercron-prod-start"],
          ["CreateFunction", "powercron-prod-stop"],
          ["CreateTrigger", "powercron-prod-stop"],
        ]),
      );
      expect(deployCalls(result.stdout, "call")).toEqual([]);
    },
  },
  {
    command: "npx powercron local-cloud &",
    says: "CVM, EC2 and SCF emulator on :9000",
    way: { kind: "background", ready: LISTENING },
    check: listeningOn,
  },
  {
    command: LOCAL_DEPLOY,
    says: "Rehearse the whole deploy locally first",
    way: { kind: "run" },
    check(result) {
      expect(result.code).toBe(0);
      expect(deployCalls(result.stdout, "call")).toEqual(
        expect.arrayContaining([
          ["CreateFunction", "powercron-prod-start"],
          ["CreateTrigger", "powercron-prod-start"],
          ["CreateFunction", "powercron-prod-stop"],
          ["CreateTrigger", "powercron-prod-stop"],
        ]),
      );
    },
  },
  {
    command: "kill %1",
    comment: "stops the local cloud",
    says: "stops the local cloud",
    way: { kind: "kill", job: 1 },
    check: (result, session) => stoppedAndFreed(result, session, "SIGTERM"),
  },
  ...[
    'npx powercron local-cloud --latency 20 --faults "throttle=0.2,serverError=0.05,hang=0.02" --seed 7',
    'npx powercron local-cloud --faults "StopInstances:throttle=0.5;*:hang=0.01"',
    'npx powercron local-cloud --faults "StartInstances:lost@1,throttleGlobal@2-3" --ec2-capacity us-east-1a=3',
  ].map(
    (command): Runnable => ({
      command,
      says: "It serves in the foreground until Ctrl-C",
      way: { kind: "serve", ready: LISTENING },
      check: servesThenStopsOnCtrlC,
    }),
  ),
  {
    command: "npm run format",
    says: "biome, fixes formatting and imports",
    way: { kind: "run" },
    before(session) {
      writeFileSync(
        join(session.dir, "src/format-probe.ts"),
        'import { join } from "node:path";\nimport { cp } from "node:fs";\nexport const probe = [ join ,cp ]\n',
      );
    },
    check(result, session) {
      expect(result.code).toBe(0);
      expect(readFileSync(join(session.dir, "src/format-probe.ts"), "utf8")).toBe(
        'import { cp } from "node:fs";\nimport { join } from "node:path";\nexport const probe = [join, cp];\n',
      );
    },
  },
  {
    command: "npm run readme:settings",
    says: "rewrites the README's settings table from src/settings/",
    way: { kind: "run" },
    before(session) {
      const path = join(session.dir, "README.md");
      const readme = readFileSync(path, "utf8");
      const start = readme.indexOf("\n", readme.indexOf("<!-- settings-table:start")) + 1;
      writeFileSync(path, readme.slice(0, start) + readme.slice(readme.indexOf("<!-- settings-table:end -->")));
    },
    check(result, session) {
      expect(result.code).toBe(0);
      expect(readFileSync(join(session.dir, "README.md"), "utf8")).toBe(readFileSync("README.md", "utf8"));
    },
  },
  {
    command: "npm run build:cli",
    says: "rebuild bin/cli/ after changing src/",
    way: { kind: "run" },
    before(session) {
      const path = join(session.dir, "src/cli/main.ts");
      writeFileSync(path, `${readFileSync(path, "utf8")}\nconsole.error("readme-probe: rebuilt");\n`);
    },
    async check(result, session) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`built ${join(session.dir, "bin/cli")} (powercron `);
      const version = await session.run("node bin/powercron.mjs --version");
      expect(version.stderr).toContain("readme-probe: rebuilt");
    },
  },
  {
    command: "npm run build",
    says: "the function zips in dist/",
    way: { kind: "run" },
    check(result, session) {
      expect(result.code).toBe(0);
      for (const zip of ["scf/start.zip", "scf/stop.zip", "aws/start.zip", "aws/stop.zip"]) {
        const bytes = readFileSync(join(session.dir, "dist", zip));
        expect(bytes.subarray(0, 2).toString()).toBe("PK");
      }
    },
  },
  {
    command: "npm run infra",
    says: "regenerate infra/ (policies, spoke files) after changing the management tag",
    way: { kind: "run" },
    before(session) {
      const path = join(session.dir, "config/schedules.yaml");
      const config = parse(readFileSync(path, "utf8")) as { deploy: { aws: Record<string, unknown> } };
      config.deploy.aws.managementTag = { key: "team:readme-probe", value: "yes" };
      writeFileSync(path, stringify(config));
    },
    check(result, session) {
      expect(result.code).toBe(0);
      const written = [...result.stdout.matchAll(/^wrote (infra\/\S+)/gm)].map((m) => m[1] ?? "");
      // Every file of infra/, each as the changed config says.
      const committed = readdirSync(join(session.dir, "infra"), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(session.dir, join(entry.parentPath, entry.name)));
      expect(written.sort()).toEqual(committed.sort());
      expect(readFileSync(join(session.dir, "infra/tencent/scf-execution-policy.json"), "utf8")).toContain(
        "team:readme-probe",
      );
    },
  },
];
