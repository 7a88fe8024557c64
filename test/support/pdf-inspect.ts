import { inflateSync } from 'node:zlib';

/**
 * Reads back what a PDF written by pdfkit draws, for tests: its fonts (and whether each is
 * embedded) and its text runs, each glyph decoded through its font's ToUnicode map (embedded
 * fonts) or as WinAnsi (the standard fonts). Enough of PDF for pdfkit's output, not a general reader.
 */
export interface PdfFont {
  resource: string;
  baseFont: string;
  embedded: boolean;
}
export interface PdfRun {
  font: string;
  /** One string per glyph, in drawing (visual) order. */
  glyphs: string[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number([...dict.matchAll(/\/Length (\d+)/g)].at(-1)?.[1] ?? 0);
    const start = at + (body.slice(at).match(/stream\r?\n/)?.[0].length ?? 7);
    let bytes = Buffer.from(body.slice(start, start + length), 'latin1');
    if (/\/Filter \/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
    out.set(Number(m[1]), { dict, stream: bytes });
  }
  return out;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** glyph code (hex) → text, from a ToUnicode CMap's bfchar and bfrange sections. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(m[1]!.toLowerCase(), utf16(m[2]!));
    }
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = Number.parseInt(m[1]!, 16);
      const to = Number.parseInt(m[2]!, 16);
      const width = m[1]!.length;
      const targets = m[3]!.startsWith('[')
        ? [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]!)
        : null;
      for (let code = from; code <= to; code++) {
        const key = code.toString(16).padStart(width, '0');
        if (targets) {
          const target = targets[code - from];
          if (target) map.set(key, utf16(target));
        } else {
          const base = m[3]!.slice(1, -1);
          const last = Number.parseInt(base.slice(-4), 16) + (code - from);
          map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

export function inspectPdf(pdf: Buffer): { fonts: PdfFont[]; runs: PdfRun[]; text: string } {
  const objs = objects(pdf);
  const fonts = new Map<string, PdfFont & { unicode: Map<string, string> | null }>();
  const runs: PdfRun[] = [];
  for (const obj of objs.values()) {
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(obj.dict)?.[1];
    if (!fontDict) continue;
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objs.get(Number(m[2]))!;
      const baseFont = /\/BaseFont \/([^\s/>]+)/.exec(font.dict)?.[1] ?? '?';
      const toUni = ref(font.dict, 'ToUnicode');
      let embedded = false;
      const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font.dict)?.[1];
      const descriptorOf = (dict: string) => ref(dict, 'FontDescriptor');
      const descriptor = descriptorOf(descendant ? objs.get(Number(descendant))!.dict : font.dict);
      if (descriptor !== undefined) embedded = /\/FontFile[23]? \d+ 0 R/.test(objs.get(descriptor)!.dict);
      fonts.set(m[1]!, {
        resource: m[1]!,
        baseFont,
        embedded,
        unicode: toUni !== undefined ? toUnicode(objs.get(toUni)!.stream!.toString('latin1')) : null,
      });
    }
  }
  for (const obj of objs.values()) {
    if (!obj.stream || !/ Tf\b/.test(obj.stream.toString('latin1'))) continue;
    const content = obj.stream.toString('latin1');
    let current: (typeof fonts extends Map<string, infer F> ? F : never) | undefined;
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[(.*?)\] TJ/g)) {
      if (m[1]) {
        current = fonts.get(m[1]);
        continue;
      }
      if (!current) continue;
      const glyphs: string[] = [];
      for (const h of m[2]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        const hex = h[1]!.toLowerCase();
        if (current.unicode) {
          for (let i = 0; i < hex.length; i += 4)
            glyphs.push(current.unicode.get(hex.slice(i, i + 4)) ?? '\uFFFD');
        } else {
          glyphs.push(...Buffer.from(hex, 'hex').toString('latin1'));
        }
      }
      runs.push({ font: current.baseFont, glyphs });
    }
  }
  return {
    fonts: [...fonts.values()].map(({ resource, baseFont, embedded }) => ({ resource, baseFont, embedded })),
    runs,
    text: runs.map((r) => r.glyphs.join('')).join('\n'),
  };
}
