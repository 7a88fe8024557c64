import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, canonicalJsonString } from './canonical-json.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function expectRejected(value: unknown, path: string, fragment: string) {
  try {
    canonicalJson(value);
    expect.unreachable('value should have been rejected');
  } catch (error) {
    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).path).toBe(path);
    expect((error as CanonicalJsonError).message).toContain(fragment);
  }
}

describe('canonical JSON (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.4 example byte for byte', () => {
    // The input text of RFC 8785 §3.2.2, parsed by the platform JSON parser as the RFC's own example does.
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const bytes = canonicalJson(JSON.parse(input));
    // UTF-8 of the canonical output as printed in RFC 8785 §3.2.4.
    expect(hex(bytes)).toBe(
      '7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b33333333' +
        '33333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67' +
        '223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d',
    );
    expect(Buffer.from(bytes).toString('utf8')).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJsonString(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serializes numbers with the ECMAScript algorithm (RFC 8785 Appendix B samples)', () => {
    const fromBits = (bits: string) => Buffer.from(bits, 'hex').readDoubleBE(0);
    const samples: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'], // -0 serializes as 0
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af6', '1e+23'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555555', '333333333.3333333'],
    ];
    for (const [bits, text] of samples) {
      expect(canonicalJsonString(fromBits(bits)), bits).toBe(text);
    }
  });

  it('emits no whitespace and nests objects and arrays canonically', () => {
    const value = { b: [1, { d: true, c: null }], a: { z: 'x', y: -0.5 } };
    expect(canonicalJsonString(value)).toBe('{"a":{"y":-0.5,"z":"x"},"b":[1,{"c":null,"d":true}]}');
  });

  it('is independent of insertion order', () => {
    const one = { id: 7, chip: 'H100', destination: { country: 'AE', tier: 2 } };
    const two = { destination: { tier: 2, country: 'AE' }, chip: 'H100', id: 7 };
    expect(hex(canonicalJson(one))).toBe(hex(canonicalJson(two)));
  });

  it('keeps astral characters raw and escapes control characters', () => {
    expect(canonicalJsonString({ s: 'a\u0001\t😀' })).toBe('{"s":"a\\u0001\\t😀"}');
    expect(hex(canonicalJson('😀'))).toBe('22f09f988022');
  });

  it('accepts a shared (non-circular) reference twice', () => {
    const shared = { k: 1 };
    expect(canonicalJsonString([shared, shared])).toBe('[{"k":1},{"k":1}]');
  });

  it('accepts objects with a null prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['x'] = 1;
    expect(canonicalJsonString(bare)).toBe('{"x":1}');
  });

  it.each([
    [Number.NaN, 'NaN is not a finite number'],
    [Number.POSITIVE_INFINITY, 'Infinity is not a finite number'],
    [Number.NEGATIVE_INFINITY, '-Infinity is not a finite number'],
  ])('rejects the non-finite number %s', (value, fragment) => {
    expectRejected({ qty: [value] }, '$.qty[0]', fragment);
  });

  it('rejects undefined anywhere, including where JSON.stringify would drop it', () => {
    expectRejected(undefined, '$', 'undefined is not a JSON value');
    expectRejected({ a: 1, b: undefined }, '$.b', 'undefined is not a JSON value');
    expectRejected([1, undefined], '$[1]', 'undefined is not a JSON value');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    expectRejected([1, , 3], '$[1]', 'sparse array hole');
  });

  it('rejects functions, symbols and bigints', () => {
    expectRejected({ f: () => 1 }, '$.f', 'a function is not a JSON value');
    expectRejected({ s: Symbol('x') }, '$.s', 'a symbol is not a JSON value');
    expectRejected({ n: 10n }, '$.n', 'bigint has no JSON number form');
    expectRejected({ [Symbol('hidden')]: 1 }, '$', 'symbol-keyed properties');
  });

  it('rejects non-plain objects instead of coercing them', () => {
    expectRejected({ at: new Date(0) }, '$.at', 'Date is not a plain object');
    expectRejected({ m: new Map() }, '$.m', 'Map is not a plain object');
    expectRejected({ b: new Uint8Array(2) }, '$.b', 'Uint8Array is not a plain object');
    class Chip {
      name = 'H100';
    }
    expectRejected([new Chip()], '$[0]', 'Chip is not a plain object');
  });

  it('rejects lone surrogates in values and member names', () => {
    expectRejected({ s: 'a\ud800b' }, '$.s', 'lone UTF-16 surrogate');
    expectRejected({ ['\udc00']: 1 }, '$["\\udc00"]', 'lone UTF-16 surrogate');
  });

  it('rejects circular structures with a clear error', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = { back: loop };
    expectRejected(loop, '$.self.back', 'circular reference');
  });
});
