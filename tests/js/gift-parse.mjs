// Parse GIFT files with gift-pegjs (the parser Moodle-minded tools use) and print what it read as JSON.
// Used by tests/python/test_exports.py: `node tests/js/gift-parse.mjs FILE…`. A syntax error exits 1 with its line.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

// gift-pegjs is installed with the browser tests' packages (tests/browser/package.json).
const require = createRequire(new URL("../browser/package.json", import.meta.url));
const { parse } = require("gift-pegjs");

const parsed = {};
for (const file of process.argv.slice(2)) {
  try {
    parsed[file] = parse(readFileSync(file, "utf8"));
  } catch (error) {
    const where = error.location ? `${error.location.start.line}:${error.location.start.column}` : "?";
    console.error(`${file}:${where}: ${error.message}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(parsed));
