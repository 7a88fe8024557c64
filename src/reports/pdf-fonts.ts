import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The Unicode fonts evidence PDFs embed so names keep their own script: Noto Naskh Arabic and
 * Noto Sans Hans (simplified and traditional Chinese, kana, Greek, Cyrillic), both under the SIL
 * Open Font License 1.1, from the @embedpdf/fonts-arabic and @embedpdf/fonts-sc packages.
 * pdfkit embeds only the glyphs a document uses (a subset), so a PDF grows by a few kilobytes
 * per script, not by the font files (docs/decisions.md, "Unicode fonts in evidence PDFs").
 */
export type FallbackFace = 'arabic' | 'cjk';

const FILES: Record<FallbackFace, { package: string; regular: string; bold: string }> = {
  arabic: {
    package: '@embedpdf/fonts-arabic',
    regular: 'NotoNaskhArabic-Regular.ttf',
    bold: 'NotoNaskhArabic-Bold.ttf',
  },
  cjk: { package: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
};

const require = createRequire(import.meta.url);
const bytes = new Map<string, Buffer>();
const parsed = new Map<string, fontkit.Font>();

/** The font file's bytes (read once per process). The packages export only their index: the fonts sit beside it. */
export function fontBytes(face: FallbackFace, bold: boolean): Buffer {
  const file = FILES[face][bold ? 'bold' : 'regular'];
  let data = bytes.get(file);
  if (!data) {
    const dir = join(dirname(require.resolve(FILES[face].package)), '..', 'fonts');
    data = readFileSync(join(dir, file));
    bytes.set(file, data);
  }
  return data;
}

/**
 * The parsed font, once per process: parsing the 8 MB CJK font takes most of a PDF's time, and
 * pdfkit takes a parsed font as it is (each document still embeds its own subset).
 */
export function parsedFont(face: FallbackFace, bold: boolean): fontkit.Font {
  const key = `${face}${bold ? '-bold' : ''}`;
  let font = parsed.get(key);
  if (!font) {
    font = fontkit.create(fontBytes(face, bold)) as fontkit.Font;
    parsed.set(key, font);
  }
  return font;
}

/** Whether the face has a glyph for the character (its regular weight; the bold has the same set). */
export function hasGlyph(face: FallbackFace, codePoint: number): boolean {
  return parsedFont(face, false).hasGlyphForCodePoint(codePoint);
}

/** Arabic script blocks (Unicode 15: Arabic, Supplement, Extended-A/B, Presentation Forms-A/B). */
export function isArabic(codePoint: number): boolean {
  return (
    (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x0870 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  );
}
