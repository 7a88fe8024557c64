import anyAscii from 'any-ascii';
import PDFDocument from 'pdfkit';
import { type FallbackFace, hasGlyph, isArabic, parsedFont } from './pdf-fonts.js';

/**
 * The PDF standard fonts encode text as WinAnsi (Windows-1252). Arabic and Chinese go to the
 * embedded Unicode fonts (textRuns); any other character outside WinAnsi is written as its
 * closest ASCII ("≥" as ">=", "≈" as "~") rather than as a wrong glyph.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const NAMED: Record<string, string> = { '≥': '>=', '≤': '<=', '≈': '~', '‖': '||', '→': '->', '≠': '!=' };

export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      ch === '\n' ||
      WIN_ANSI_EXTRA.has(ch)
    ) {
      out += ch;
    } else {
      out += NAMED[ch] ?? anyAscii(ch);
    }
  }
  return out;
}

type Face = 'latin' | FallbackFace;

/** A stretch of text in one font. */
export interface TextRun {
  face: Face;
  text: string;
}

function faceOf(ch: string): Face | 'neutral' {
  if (/\s/.test(ch)) return 'neutral';
  const code = ch.codePointAt(0)!;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch))
    return 'latin';
  if (NAMED[ch]) return 'latin';
  if (isArabic(code) && hasGlyph('arabic', code)) return 'arabic';
  if (hasGlyph('cjk', code)) return 'cjk';
  return 'latin';
}

/**
 * Splits text into runs by the font that has its characters: WinAnsi text in the standard fonts,
 * Arabic in Noto Naskh Arabic, Chinese (and Greek, Cyrillic, kana) in Noto Sans Hans, anything
 * else transliterated. Spaces between two characters of one script stay in that script's run,
 * so a multi-word Arabic name is laid out (right to left, shaped) as one.
 */
export function textRuns(text: string): TextRun[] {
  const chars = [...text];
  const faces = chars.map(faceOf);
  const resolved: Face[] = faces.map((face, i) => {
    if (face !== 'neutral') return face;
    let before: Face | undefined;
    for (let j = i - 1; j >= 0 && !before; j--) if (faces[j] !== 'neutral') before = faces[j] as Face;
    let after: Face | undefined;
    for (let j = i + 1; j < faces.length && !after; j++) if (faces[j] !== 'neutral') after = faces[j] as Face;
    return before && before === after ? before : 'latin';
  });
  const runs: TextRun[] = [];
  chars.forEach((ch, i) => {
    const face = resolved[i]!;
    const piece = face === 'latin' ? winAnsi(ch) : ch;
    const last = runs.at(-1);
    if (last && last.face === face) last.text += piece;
    else runs.push({ face, text: piece });
  });
  for (const run of runs) if (run.face === 'arabic') run.text = rightToLeft(run.text);
  return runs;
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]+/g;

/**
 * An Arabic run as pdfkit should get it. fontkit shapes the run and lays it out right to left,
 * but pdfkit hands it over a word at a time (so a two-word name would come out with its words
 * in left-to-right order): spaces become no-break spaces, making the run one word; and digits,
 * which read left to right inside Arabic text, are reversed so the run's reversal restores them.
 */
function rightToLeft(text: string): string {
  return text.replace(/ /g, '\u00a0').replace(ARABIC_DIGITS, (digits) => [...digits].reverse().join(''));
}

export interface PdfWriter {
  heading(text: string, level?: 1 | 2 | 3): void;
  para(text: string, options?: { mono?: boolean; muted?: boolean }): void;
  field(label: string, value: unknown): void;
  list(items: string[]): void;
}

/** Renders a text document with pdfkit (real, selectable text) and returns its bytes. */
export function renderPdf(
  info: { title: string; subject: string },
  body: (w: PdfWriter) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: { Title: winAnsi(info.title), Subject: winAnsi(info.subject), Creator: 'chipexport' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const sizes = { 1: 17, 2: 13, 3: 11 } as const;
  const registered = new Set<string>();
  /** The pdfkit font name for a run: a standard font, or an embedded one registered on first use. */
  const fontFor = (face: Face, base: 'Helvetica' | 'Helvetica-Bold' | 'Courier'): string => {
    if (face === 'latin') return base;
    const bold = base === 'Helvetica-Bold';
    const name = `${face}${bold ? '-bold' : ''}`;
    if (!registered.has(name)) {
      // pdfkit takes a parsed fontkit font as it takes bytes (its types list only the latter).
      doc.registerFont(name, parsedFont(face, bold) as unknown as Buffer);
      registered.add(name);
    }
    return name;
  };
  /** Writes text run by run (one pdfkit `text` call each, continued), each in its font. */
  const write = (
    text: string,
    base: 'Helvetica' | 'Helvetica-Bold' | 'Courier',
    options: PDFKit.Mixins.TextOptions = {},
  ): void => {
    const runs = textRuns(text);
    if (runs.length === 0) runs.push({ face: 'latin', text: '' });
    runs.forEach((run, i) => {
      doc.font(fontFor(run.face, base)).text(run.text, { ...options, continued: i < runs.length - 1 });
    });
  };
  const writer: PdfWriter = {
    heading(text, level = 2) {
      doc.moveDown(level === 1 ? 0 : 0.6);
      doc.fontSize(sizes[level]).fillColor('black');
      write(text, 'Helvetica-Bold');
      doc.moveDown(0.2);
    },
    para(text, options = {}) {
      doc.fontSize(options.mono ? 7.5 : 9.5).fillColor(options.muted ? '#444444' : 'black');
      write(text, options.mono ? 'Courier' : 'Helvetica', { lineGap: 1 });
      doc.moveDown(0.3);
    },
    field(label, value) {
      doc
        .font('Helvetica-Bold')
        .fontSize(9.5)
        .fillColor('black')
        .text(`${winAnsi(label)}: `, { continued: true });
      write(String(value ?? ''), 'Helvetica');
    },
    list(items) {
      doc.fontSize(9.5).fillColor('black');
      if (items.every((item) => textRuns(item).every((run) => run.face === 'latin'))) {
        doc.font('Helvetica').list(items.map(winAnsi), { bulletRadius: 1.5 });
      } else {
        for (const item of items) write(`•  ${item}`, 'Helvetica', { indent: 10 });
      }
      doc.moveDown(0.3);
    },
  };
  body(writer);
  doc.end();
  return done;
}
