/** The `powercron` command line: the top of the layers, imported by nothing in src/ (bin/ builds from main.ts). */
export { main } from "./main.ts";
