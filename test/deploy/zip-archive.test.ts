import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipArchive } from "../../src/deploy/zip-archive.ts";

const MTIME = new Date("2020-01-01T00:00:00Z");
const text = (value: string) => new TextEncoder().encode(value);

describe("Function: zipArchive", () => {
  const files: [string, Uint8Array][] = [
    ["index.js", text("exports.main_handler = async () => 1;\n".repeat(200))],
    ["package.json", text('{"type":"commonjs"}\n')],
    ["dist/aws/stop/ünïcode.txt", text("x")],
    ["empty.txt", new Uint8Array()],
  ];

  it("is read back entry for entry, in order, by another zip reader", () => {
    const read = unzipSync(zipArchive(files, MTIME));
    expect(Object.keys(read)).toEqual(files.map(([name]) => name));
    for (const [name, content] of files) expect(read[name]).toEqual(content);
  });

  it("deflates what deflate makes smaller and stores the rest", () => {
    const zip = zipArchive(files, MTIME);
    const methods: Record<string, number> = {};
    const view = Buffer.from(zip);
    for (let offset = 0; view.readUInt32LE(offset) === 0x04034b50; ) {
      const nameLength = view.readUInt16LE(offset + 26);
      const name = view.toString("utf8", offset + 30, offset + 30 + nameLength);
      methods[name] = view.readUInt16LE(offset + 8);
      offset += 30 + nameLength + view.readUInt32LE(offset + 18);
    }
    expect(methods).toEqual({ "index.js": 8, "package.json": 0, "dist/aws/stop/ünïcode.txt": 0, "empty.txt": 0 });
    expect(zip.byteLength).toBeLessThan(files[0]?.[1].byteLength ?? 0);
  });

  it("is byte-identical for identical inputs, stamped with the given time (a DOS date in UTC)", () => {
    const zip = Buffer.from(zipArchive(files, MTIME));
    expect(Buffer.compare(zip, Buffer.from(zipArchive(files, MTIME)))).toBe(0);
    expect(zip.readUInt16LE(10)).toBe(0); // 00:00:00
    expect(zip.readUInt16LE(12)).toBe(((2020 - 1980) << 9) | (1 << 5) | 1);
  });
});
