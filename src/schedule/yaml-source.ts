/**
 * Where a path of the config is written in its YAML text, for problem messages (`schedules.yaml:12:5: groups[4]
 * (qa-box).strat: ...`): the yaml Document keeps each node's range, a LineCounter turns offsets into lines.
 */
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";
import type { ProblemSource } from "../input/index.ts";

interface Found {
  /** The node deepest along the path that exists. */
  readonly node: Node;
  /** The key node of the path's last segment, when the whole path exists. */
  readonly key?: Node;
  readonly whole: boolean;
}

function follow(document: Document, path: readonly PropertyKey[]): Found | undefined {
  let node = document.contents as Node | null;
  if (node === null) return undefined;
  let key: Node | undefined;
  for (const segment of path) {
    let next: Node | undefined;
    key = undefined;
    if (isMap(node)) {
      const pair: Pair | undefined = (node.items as Pair[]).find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair !== undefined) {
        key = pair.key as Node;
        next = (pair.value as Node | null) ?? key;
      }
    } else if (isSeq(node) && typeof segment === "number") {
      next = (node.items[segment] as Node | undefined) ?? undefined;
    }
    if (next === undefined) return { node, whole: false };
    node = next;
  }
  return { node, ...(key === undefined ? {} : { key }), whole: true };
}

export function yamlSource(document: Document, lines: LineCounter, source: string): ProblemSource {
  return {
    locate(path, part) {
      const found = follow(document, path);
      const node = found === undefined ? undefined : part === "key" && found.key ? found.key : found.node;
      const offset = node?.range?.[0];
      if (offset === undefined) return undefined;
      const { line, col } = lines.linePos(offset);
      return `${source}:${line}:${col}`;
    },
    nameOf(path) {
      const name = document.getIn([...path, "name"]);
      return typeof name === "string" && name !== "" ? name : undefined;
    },
  };
}
