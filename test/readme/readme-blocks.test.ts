/** How the README's ```sh blocks are read: as a shell reads its lines, with the prose around each block. */
import { describe, expect, it } from "vitest";
import { commentStart, shellBlocks, splitAnd } from "./readme-blocks.ts";

describe("Function: commentStart", () => {
  it.each([
    { line: "npm test   # all of it", start: 11 },
    { line: "# only a comment", start: 0 },
    { line: 'echo "a # in quotes"', start: -1 },
    { line: "echo a#b", start: -1 },
    { line: "kill %1", start: -1 },
  ])("finds the comment of $line at $start", ({ line, start }) => {
    expect(commentStart(line)).toBe(start);
  });
});

describe("Function: splitAnd", () => {
  it.each([
    { line: "npm ci && npm start", parts: ["npm ci", "npm start"] },
    { line: 'echo "a && b" && true', parts: ['echo "a && b"', "true"] },
    { line: "npx powercron local-cloud &", parts: ["npx powercron local-cloud &"] },
  ])("splits $line", ({ line, parts }) => {
    expect(splitAnd(line)).toEqual(parts);
  });
});

describe("Function: shellBlocks", () => {
  const markdown = [
    "# Title", //                                          1
    "", //                                                 2
    "Before the block,", //                                3
    "on two lines:", //                                    4
    "", //                                                 5
    "   ```sh", //                                         6
    "   npm ci && npm start   # the demo", //              7
    "   tccli cam CreateRole --RoleName R \\", //          8
    '     --PolicyDocument "$(cat x.json)"', //            9
    "   ```", //                                          10
    "", //                                                11
    "After it.", //                                       12
    "", //                                                13
    "```json", //                                         14
    '{"not": "shell"}', //                                15
    "```", //                                             16
  ].join("\n");

  it("reads each command with its comment and line, continuation lines joined, and the prose around the block", () => {
    expect(shellBlocks(markdown)).toEqual([
      {
        line: 6,
        context: "Before the block, on two lines: After it.",
        commands: [
          { command: "npm ci", comment: "the demo", line: 7 },
          { command: "npm start", comment: "the demo", line: 7 },
          { command: 'tccli cam CreateRole --RoleName R --PolicyDocument "$(cat x.json)"', comment: "", line: 8 },
        ],
      },
    ]);
  });
});
