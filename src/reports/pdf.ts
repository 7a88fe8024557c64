import anyAscii from 'any-ascii';
import PDFDocument from 'pdfkit';

/**
 * The PDF standard fonts encode text as WinAnsi (Windows-1252): characters outside it are
 * written as their closest ASCII ("≥" as ">=", "≈" as "~") rather than as wrong glyphs.
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
  const writer: PdfWriter = {
    heading(text, level = 2) {
      doc.moveDown(level === 1 ? 0 : 0.6);
      doc.font('Helvetica-Bold').fontSize(sizes[level]).fillColor('black').text(winAnsi(text));
      doc.moveDown(0.2);
    },
    para(text, options = {}) {
      doc
        .font(options.mono ? 'Courier' : 'Helvetica')
        .fontSize(options.mono ? 7.5 : 9.5)
        .fillColor(options.muted ? '#444444' : 'black')
        .text(winAnsi(text), { lineGap: 1 });
      doc.moveDown(0.3);
    },
    field(label, value) {
      doc
        .font('Helvetica-Bold')
        .fontSize(9.5)
        .fillColor('black')
        .text(`${winAnsi(label)}: `, { continued: true });
      doc.font('Helvetica').text(winAnsi(String(value ?? '')));
    },
    list(items) {
      doc.font('Helvetica').fontSize(9.5).fillColor('black').list(items.map(winAnsi), { bulletRadius: 1.5 });
      doc.moveDown(0.3);
    },
  };
  body(writer);
  doc.end();
  return done;
}
