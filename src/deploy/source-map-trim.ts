/**
 * Trims a bundle's source map to powercron's own sources. Stack frames in our code map back to src/…; frames inside
 * the SDKs stay as bundle positions. This keeps the map (and so the zip) small: the EC2 SDK alone would add ≈ 2 MB.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUE = new Map([...BASE64].map((char, index) => [char, index]));

function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64_VALUE.get(char);
    if (digit === undefined) throw new Error(`source map: bad VLQ character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

export interface SourceMapV3 {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
  [key: string]: unknown;
}

/**
 * Keeps the mappings (and names) whose source passes `keep`; the first dropped segment after a kept one marks the
 * rest of the run "unmapped".
 */
export function trimSourceMap(map: SourceMapV3, keep: (source: string) => boolean): SourceMapV3 {
  const newIndex = new Map<number, number>();
  const sources: string[] = [];
  map.sources.forEach((source, index) => {
    if (keep(source)) {
      newIndex.set(index, sources.length);
      sources.push(source);
    }
  });
  const names: string[] = [];
  const nameIndex = new Map<number, number>();
  const keepName = (index: number): number => {
    let mapped = nameIndex.get(index);
    if (mapped === undefined) {
      mapped = names.length;
      nameIndex.set(index, mapped);
      names.push(map.names[index] ?? "");
    }
    return mapped;
  };
  // Absolute state of the input decoder and of the output encoder (all but the column carry across lines).
  const input = { source: 0, line: 0, column: 0, name: 0 };
  const output = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(";").map((line) => {
    let generated = 0;
    let previousOut = 0;
    let lastKept = false;
    const segments: string[] = [];
    for (const text of line.split(",")) {
      if (text === "") continue;
      const [column = 0, source, sourceLine, sourceColumn, name] = decodeSegment(text);
      generated += column;
      if (source === undefined || sourceLine === undefined || sourceColumn === undefined) {
        if (lastKept) segments.push(encodeValue(generated - previousOut));
        if (lastKept) previousOut = generated;
        lastKept = false;
        continue;
      }
      input.source += source;
      input.line += sourceLine;
      input.column += sourceColumn;
      if (name !== undefined) input.name += name;
      const mapped = newIndex.get(input.source);
      if (mapped === undefined) {
        if (lastKept) {
          segments.push(encodeValue(generated - previousOut));
          previousOut = generated;
        }
        lastKept = false;
        continue;
      }
      let encoded =
        encodeValue(generated - previousOut) +
        encodeValue(mapped - output.source) +
        encodeValue(input.line - output.line) +
        encodeValue(input.column - output.column);
      if (name !== undefined) {
        const mappedName = keepName(input.name);
        encoded += encodeValue(mappedName - output.name);
        output.name = mappedName;
      }
      segments.push(encoded);
      previousOut = generated;
      output.source = mapped;
      output.line = input.line;
      output.column = input.column;
      lastKept = true;
    }
    return segments.join(",");
  });
  return { ...map, sources, names, mappings: lines.join(";") };
}

/** The sources of powercron itself, as esbuild names them relative to the map (no node_modules). */
export function isOwnSource(source: string): boolean {
  return !/(^|\/)node_modules\//.test(source);
}
