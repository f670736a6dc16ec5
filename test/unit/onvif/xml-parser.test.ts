import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, XmlSyntaxError } from '../../../electron/core/onvif/xml-parser.js';
import { escapeXml } from '../../../electron/core/onvif/xml-escape.js';

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';

describe('XML parser', () => {
  it('resolves namespace prefixes, default namespaces and attributes', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?><!-- hi --><env:Envelope xmlns:env="${SOAP}" xmlns:tt="urn:tt"><env:Body>` +
        `<Profiles xmlns="urn:trt" token="main" tt:fixed="true"><tt:Name>Main &amp; &#x4E3B;&#30721;流</tt:Name><![CDATA[<raw>]]></Profiles>` +
        `</env:Body></env:Envelope>`,
    );
    expect(root).toMatchObject({ ns: SOAP, local: 'Envelope' });
    const profiles = root.children[0]!.children[0]!;
    expect(profiles).toMatchObject({ ns: 'urn:trt', local: 'Profiles', text: '<raw>' });
    expect({ ...profiles.attributes }).toEqual({ token: 'main', fixed: 'true' });
    expect(profiles.children[0]).toMatchObject({ ns: 'urn:tt', local: 'Name', text: 'Main & 主码流' });
  });

  it.each([
    ['', 'no root element'],
    ['hello', 'text before the root element'],
    ['<a><b></a>', 'does not close'],
    ['<a>', 'never closed'],
    ['<a/><b/>', 'after the root element'],
    ['<p:a/>', 'not declared'],
    ['<a x="1" x="2"/>', 'appears twice'],
    ['<a x=1/>', 'not quoted'],
    ['<a>&foo;</a>', 'unknown entity'],
    ['<a>&#0;</a>', 'names no XML character'],
    ['<a>&#xD800;</a>', 'names no XML character'],
    ['<a>& b</a>', "'&' that starts no reference"],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'DOCTYPE'],
    ['<a><!DOCTYPE b></a>', 'DOCTYPE'],
    ['<a x="<"/>', "'<' inside attribute"],
    ['<a b="1"c="2"/>', 'separated by whitespace'],
    ['<a', 'never finished'],
    ['<a><!-- </a>', 'unterminated comment'],
  ])('refuses %j (%s)', (xml, reason) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(reason);
  });

  it('refuses the billion-laughs DTD without expanding anything', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(() => parseXml(bomb)).toThrow('DOCTYPE');
  });

  it('bounds length, depth, element and attribute counts', () => {
    expect(() => parseXml(`<a>${'x'.repeat(100)}</a>`, { maxLength: 50 })).toThrow('longer than 50');
    expect(() => parseXml('<a>'.repeat(100_000) + '</a>'.repeat(100_000))).toThrow('nested deeper than 64');
    expect(() => parseXml(`<a>${'<b/>'.repeat(20)}</a>`, { maxElements: 10 })).toThrow('more than 10 elements');
    expect(() => parseXml(`<a ${Array.from({ length: 70 }, (_, i) => `a${i}="1"`).join(' ')}/>`)).toThrow('more than 64 attributes');
  });

  it('keeps attribute names off the object prototype', () => {
    const el = parseXml('<a __proto__="x" constructor="y"/>');
    expect(Object.getPrototypeOf(el.attributes)).toBeNull();
    expect(el.attributes.constructor).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads back any text it escaped (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const clean = escapeXml(text);
        const el = parseXml(`<a v="${clean}">${clean}</a>`);
        expect(el.text).toBe(el.attributes.v);
        expect(escapeXml(el.text)).toBe(clean);
      }),
      { numRuns: 300 },
    );
  });

  it('answers any input with an element or an XmlSyntaxError, never another exception (fuzz)', () => {
    const fragments = fc.constantFrom('<', '>', '/', '</', '<a', '<s:E', 'xmlns:s="u"', ' x="1"', '&amp;', '&#', ';', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '"', "'", '=', ' ', 'a', ':', '<!DOCTYPE');
    const inputs = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          const el = parseXml(input);
          expect(typeof el.local).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(XmlSyntaxError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('answers random bytes decoded as UTF-8 with a result or XmlSyntaxError (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseXml(Buffer.from(bytes).toString('utf8'));
        } catch (error) {
          expect(error).toBeInstanceOf(XmlSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
