/** Rewrites the README's settings table from src/settings and the clouds' descriptors (test/settings keeps them equal). */
import { readFileSync, writeFileSync } from "node:fs";
import { renderSettingsTable } from "../src/providers/index.ts";

const path = new URL("../README.md", import.meta.url);
const readme = readFileSync(path, "utf8");
const start = readme.indexOf("<!-- settings-table:start");
const startEnd = readme.indexOf("\n", start) + 1;
const end = readme.indexOf("<!-- settings-table:end -->");
writeFileSync(path, readme.slice(0, startEnd) + renderSettingsTable() + "\n" + readme.slice(end));
