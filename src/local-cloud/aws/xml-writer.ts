/**
 * Objects to XML the way EC2 answers are written (and as fast-xml-parser's XMLBuilder wrote them with
 * `{ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true }`): a key is an element, an array
 * repeats its element, a `@_` key is an attribute, an empty value (or null) is a self-closing element, undefined is left
 * out. Written by hand because a page of 1,000 EC2 instances took the builder tens of milliseconds of the local
 * cloud's one thread: five accounts' pages at once delayed every function that waited for them.
 */

const ATTRIBUTE_PREFIX = "@_";
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

function escaped(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char) : text;
}

/** One element (or, for an array, one element a value); "" for undefined. */
function element(name: string, value: unknown): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) {
    let xml = "";
    for (const each of value) xml += element(name, each);
    return xml;
  }
  if (value === null) return `<${name}/>`;
  if (typeof value !== "object") {
    const text = String(value);
    return text === "" ? `<${name}/>` : `<${name}>${escaped(text)}</${name}>`;
  }
  let attributes = "";
  let content = "";
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (!key.startsWith(ATTRIBUTE_PREFIX)) content += element(key, child);
    else if (child !== undefined && child !== null) {
      attributes += ` ${key.slice(ATTRIBUTE_PREFIX.length)}="${escaped(String(child))}"`;
    }
  }
  return content === "" ? `<${name}${attributes}/>` : `<${name}${attributes}>${content}</${name}>`;
}

/** The XML of `{ root: {...} }` (each top-level key an element). */
export function toXml(document: Readonly<Record<string, unknown>>): string {
  let xml = "";
  for (const [name, value] of Object.entries(document)) xml += element(name, value);
  return xml;
}
