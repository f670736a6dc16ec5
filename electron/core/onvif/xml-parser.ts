/**
 * A small, safe XML 1.0 parser for SOAP messages from cameras on the LAN. A camera is an untrusted
 * peer: its answer may be cut short, hostile or not XML at all, so this parser
 *  - refuses any DOCTYPE (no DTD, hence no external entities and no entity expansion bombs —
 *    SOAP 1.2 Part 1 §5 forbids a DTD in a SOAP message anyway),
 *  - knows only the five predefined entities and numeric character references (XML 1.0 §4.6, §4.1),
 *  - bounds size, nesting depth, element and attribute counts,
 *  - resolves namespace prefixes (Namespaces in XML 1.0 §6) so callers match on (namespace, local
 *    name) and never on whatever prefix a vendor picked,
 *  - runs in one linear pass without regular expressions on the input,
 * and answers anything it cannot read with an `XmlSyntaxError` saying where and why; it never
 * throws anything else on input.
 */

/** One element: its resolved namespace URI ('' when none), local name, attributes and content. */
export interface XmlElement {
  /** The namespace URI the element's prefix (or the default namespace) is bound to; '' if none. */
  readonly ns: string;
  /** The name after the prefix: `Envelope` for `s:Envelope`. */
  readonly local: string;
  /** Attributes by local name (namespace declarations left out); a null-prototype record. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (text and CDATA), entities decoded, children's text excluded. */
  readonly text: string;
}

/** Bounds on what one document may cost. */
export interface XmlLimits {
  /** Longest document in UTF-16 code units (default 1 Mi). */
  maxLength?: number;
  /** Deepest element nesting (default 64; a SOAP answer nests about 12 deep). */
  maxDepth?: number;
  /** Most elements in one document (default 50 000). */
  maxElements?: number;
  /** Most attributes on one element (default 64). */
  maxAttributes?: number;
}

/** The document is not XML this parser accepts; `offset` is where it gave up. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`XML not readable at character ${offset}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface OpenElement {
  qname: string;
  ns: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string[];
  scope: Map<string, string>;
}

/** Parses one document; returns its root element or throws `XmlSyntaxError`. */
export function parseXml(input: string, limits: XmlLimits = {}): XmlElement {
  return new Parser(input, limits).document();
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code >= 0xc0;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e || code === 0xb7;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** XML 1.0 §2.2 Char: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

class Parser {
  private pos = 0;
  private elements = 0;
  private readonly maxDepth: number;
  private readonly maxElements: number;
  private readonly maxAttributes: number;

  constructor(
    private readonly s: string,
    limits: XmlLimits,
  ) {
    const maxLength = limits.maxLength ?? 1024 * 1024;
    this.maxDepth = limits.maxDepth ?? 64;
    this.maxElements = limits.maxElements ?? 50_000;
    this.maxAttributes = limits.maxAttributes ?? 64;
    if (s.length > maxLength) throw new XmlSyntaxError(`document longer than ${maxLength} characters`, maxLength);
  }

  private fail(reason: string, at = this.pos): never {
    throw new XmlSyntaxError(reason, at);
  }

  document(): XmlElement {
    if (this.s.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.misc();
    if (this.s.charCodeAt(this.pos) !== 0x3c) this.fail(this.pos >= this.s.length ? 'no root element' : 'text before the root element');
    const root = this.element();
    this.misc();
    if (this.pos < this.s.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions (the XML declaration among them). */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('<?', this.pos)) this.skipPast('?>', 'unterminated processing instruction');
      else if (this.s.startsWith('<!--', this.pos)) this.skipPast('-->', 'unterminated comment');
      else if (this.s.startsWith('<!', this.pos)) this.fail('DOCTYPE and DTD declarations are refused');
      else return;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  private skipPast(end: string, reason: string): number {
    const at = this.s.indexOf(end, this.pos);
    if (at < 0) this.fail(reason);
    const start = this.pos;
    this.pos = at + end.length;
    return start;
  }

  private name(): string {
    const start = this.pos;
    if (!isNameStart(this.s.charCodeAt(this.pos))) this.fail('expected a name');
    this.pos++;
    while (this.pos < this.s.length && isNameChar(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Reads `<name attrs…>content</name>` iteratively (an explicit stack, so depth cannot overflow ours). */
  private element(): XmlElement {
    const stack: OpenElement[] = [];
    const rootScope = new Map<string, string>([['xml', XML_NS]]);
    for (;;) {
      // Here pos is at '<' of a start tag.
      const opened = this.startTag(stack.length ? stack[stack.length - 1]!.scope : rootScope);
      if (++this.elements > this.maxElements) this.fail(`more than ${this.maxElements} elements`);
      if (stack.length + 1 > this.maxDepth) this.fail(`nested deeper than ${this.maxDepth}`);
      let done: XmlElement | undefined;
      if (opened.selfClosing) done = finish(opened.element);
      else stack.push(opened.element);
      // Content until the next start tag, or until the stack empties.
      for (;;) {
        if (done) {
          const parent = stack[stack.length - 1];
          if (!parent) return done;
          parent.children.push(done);
          done = undefined;
        }
        const top = stack[stack.length - 1]!;
        const next = this.content(top);
        if (next === 'start') break;
        // An end tag.
        const closeAt = this.pos;
        this.pos += 2;
        const qname = this.name();
        this.skipSpace();
        if (this.s.charCodeAt(this.pos) !== 0x3e) this.fail('malformed end tag');
        this.pos++;
        if (qname !== top.qname) this.fail(`end tag </${qname}> does not close <${top.qname}>`, closeAt);
        stack.pop();
        done = finish(top);
      }
    }
  }

  /** Character data, comments, CDATA and PIs inside `el`; stops at a start tag or an end tag. */
  private content(el: OpenElement): 'start' | 'end' {
    for (;;) {
      const lt = this.s.indexOf('<', this.pos);
      if (lt < 0) this.fail(`element <${el.qname}> is never closed`, this.s.length);
      if (lt > this.pos) el.text.push(this.decode(this.s.slice(this.pos, lt), this.pos));
      this.pos = lt;
      if (this.s.startsWith('</', lt)) return 'end';
      if (this.s.startsWith('<!--', lt)) this.skipPast('-->', 'unterminated comment');
      else if (this.s.startsWith('<![CDATA[', lt)) {
        this.pos += 9;
        const start = this.skipPast(']]>', 'unterminated CDATA section');
        el.text.push(this.s.slice(start, this.pos - 3));
      } else if (this.s.startsWith('<?', lt)) this.skipPast('?>', 'unterminated processing instruction');
      else if (this.s.startsWith('<!', lt)) this.fail('DOCTYPE and DTD declarations are refused');
      else return 'start';
    }
  }

  private startTag(parentScope: Map<string, string>): { element: OpenElement; selfClosing: boolean } {
    this.pos++; // '<'
    const qname = this.name();
    const raw: Array<[string, string, number]> = [];
    for (;;) {
      const hadSpace = this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos));
      this.skipSpace();
      const code = this.s.charCodeAt(this.pos);
      if (code === 0x3e || (code === 0x2f && this.s.charCodeAt(this.pos + 1) === 0x3e)) break;
      if (Number.isNaN(code)) this.fail(`start tag <${qname}> is never finished`);
      if (!hadSpace) this.fail('attributes must be separated by whitespace');
      const at = this.pos;
      const attrName = this.name();
      this.skipSpace();
      if (this.s.charCodeAt(this.pos) !== 0x3d) this.fail(`attribute ${attrName} has no value`);
      this.pos++;
      this.skipSpace();
      const quote = this.s.charCodeAt(this.pos);
      if (quote !== 0x22 && quote !== 0x27) this.fail(`attribute ${attrName} value is not quoted`);
      const end = this.s.indexOf(quote === 0x22 ? '"' : "'", this.pos + 1);
      if (end < 0) this.fail(`attribute ${attrName} value is never closed`);
      const value = this.s.slice(this.pos + 1, end);
      if (value.includes('<')) this.fail(`'<' inside attribute ${attrName}`, this.pos + 1);
      raw.push([attrName, this.decode(value, this.pos + 1), at]);
      this.pos = end + 1;
      if (raw.length > this.maxAttributes) this.fail(`more than ${this.maxAttributes} attributes on <${qname}>`);
    }
    const selfClosing = this.s.charCodeAt(this.pos) === 0x2f;
    this.pos += selfClosing ? 2 : 1;

    let scope = parentScope;
    for (const [attrName, value, at] of raw) {
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        const prefix = attrName === 'xmlns' ? '' : attrName.slice(6);
        if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS)) this.fail(`prefix ${prefix} may not be redeclared`, at);
        if (prefix !== '' && value === '') this.fail(`prefix ${prefix} bound to an empty namespace`, at);
        scope.set(prefix, value);
      }
    }
    const { ns, local } = this.resolve(qname, scope, true);
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    const seen = new Set<string>();
    for (const [attrName, value, at] of raw) {
      if (seen.has(attrName)) this.fail(`attribute ${attrName} appears twice`, at);
      seen.add(attrName);
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
      const resolved = this.resolve(attrName, scope, false);
      if (resolved.ns === XMLNS_NS) continue;
      attributes[resolved.local] = value;
    }
    return { element: { qname, ns, local, attributes, children: [], text: [], scope }, selfClosing };
  }

  private resolve(qname: string, scope: Map<string, string>, isElement: boolean): { ns: string; local: string } {
    const colon = qname.indexOf(':');
    if (colon < 0) return { ns: isElement ? (scope.get('') ?? '') : '', local: qname };
    const prefix = qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (!prefix || !local || local.includes(':') || !isNameStart(local.charCodeAt(0))) this.fail(`malformed qualified name ${qname}`);
    const ns = scope.get(prefix);
    if (ns === undefined) this.fail(`namespace prefix ${prefix} is not declared`);
    return { ns, local };
  }

  /** Replaces entity and character references in `text` (which starts at `offset`). */
  private decode(text: string, offset: number): string {
    if (!text.includes('&')) return text;
    let out = '';
    let pos = 0;
    for (;;) {
      const amp = text.indexOf('&', pos);
      if (amp < 0) return out + text.slice(pos);
      out += text.slice(pos, amp);
      const semi = text.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.fail("'&' that starts no reference", offset + amp);
      const ref = text.slice(amp + 1, semi);
      if (ref.startsWith('#')) {
        const hex = ref.startsWith('#x');
        const digits = ref.slice(hex ? 2 : 1);
        const valid = digits.length > 0 && [...digits].every((c) => (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(c));
        const cp = valid ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
        if (!isXmlChar(cp)) this.fail(`character reference &${ref}; names no XML character`, offset + amp);
        out += String.fromCodePoint(cp);
      } else {
        const value = PREDEFINED[ref];
        if (value === undefined || !Object.hasOwn(PREDEFINED, ref)) this.fail(`unknown entity &${ref};`, offset + amp);
        out += value;
      }
      pos = semi + 1;
    }
  }
}

function finish(el: OpenElement): XmlElement {
  return { ns: el.ns, local: el.local, attributes: el.attributes, children: el.children, text: el.text.join('') };
}
