import type { XmlElement } from './xml-parser.js';

/**
 * Reading parsed SOAP answers by local name. ONVIF devices differ in prefixes and sometimes in the
 * namespace version of an element (ver10 vs ver20 schema), so readers match the local name and, where
 * it matters, the namespace.
 */

/** The first direct child named `local` (in `ns` when given). */
export function child(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** Every direct child named `local`. */
export function childrenNamed(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

/** Follows a path of local names through first children: `path(profile, 'Resolution', 'Width')`. */
export function path(el: XmlElement | undefined, ...locals: string[]): XmlElement | undefined {
  let at = el;
  for (const local of locals) at = child(at, local);
  return at;
}

/** The first element named `local` anywhere below `el` (depth first), bounded by the parser's limits. */
export function descendant(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  const stack: XmlElement[] = [...el.children].reverse();
  while (stack.length) {
    const at = stack.pop()!;
    if (at.local === local) return at;
    for (let i = at.children.length - 1; i >= 0; i--) stack.push(at.children[i]!);
  }
  return undefined;
}

/** Trimmed text of the element at `locals` below `el`, or undefined when missing or empty. */
export function textAt(el: XmlElement | undefined, ...locals: string[]): string | undefined {
  const text = path(el, ...locals)?.text.trim();
  return text ? text : undefined;
}

/** A finite number from the text at `locals`, or undefined. */
export function numberAt(el: XmlElement | undefined, ...locals: string[]): number | undefined {
  const text = textAt(el, ...locals);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** A finite number from an attribute, or undefined. */
export function numberAttr(el: XmlElement | undefined, name: string): number | undefined {
  const raw = el?.attributes[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
