/**
 * Import circles among the files of src/: the graph of relative imports (`import`, `import type`, `export … from` and
 * lazy `import()` alike, since each still ties the files' meanings together), and every circle in it. Pure: the
 * files come in as text.
 */
import { dirname, join, normalize } from "node:path";
import type { SourceFile } from "./import-rules.ts";

/** `from "./x.ts"` (imports and re-exports, types or not), `import("./x.ts")` and a bare `import "./x.ts"`. */
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)"(\.{1,2}\/[^"]+)"/g;

/** Each file's relative imports, as paths relative to src/ (only those among `files`), in the order written. */
export function importGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const known = new Set(files.map((file) => file.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of file.text.matchAll(SPECIFIER)) {
      const target = normalize(join(dirname(file.path), match[1] ?? ""));
      if (known.has(target) && !targets.includes(target)) targets.push(target);
    }
    graph.set(file.path, targets);
  }
  return graph;
}

/**
 * Every import circle, as the files in it (sorted, so a circle reads the same from wherever it is entered), the
 * circles sorted too: the strongly connected components of more than one file, and a file that imports itself.
 */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const graph = importGraph(files);
  // Tarjan's algorithm, iterative so that a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(frame.node) ?? [];
      const target = edges[frame.edge++];
      if (target !== undefined) {
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (;;) {
        const member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      const selfImport = component.length === 1 && edges.includes(frame.node);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  }
  return cycles.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}
