import anyAscii from 'any-ascii';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../test/support/pdf-inspect.js';
import { renderPdf, textRuns } from './pdf.js';

const ARABIC = 'مجموعة جي ٤٢';
const CHINESE = '华为技术有限公司';
const NBSP = '\u00a0';

/** Glyphs drawn right to left, read back in reading order (digits inside read left to right). */
const readRtl = (glyphs: string[]) =>
  [...glyphs]
    .reverse()
    .join('')
    .replaceAll(NBSP, ' ')
    .replace(/[\u0660-\u0669]+/g, (digits) => [...digits].reverse().join(''));

describe('PDF text in its own script', () => {
  it('splits text into runs by the font that has its characters', () => {
    expect(textRuns('G42 (مجموعة جي)')).toEqual([
      { face: 'latin', text: 'G42 (' },
      { face: 'arabic', text: `مجموعة${NBSP}جي` },
      { face: 'latin', text: ')' },
    ]);
    expect(textRuns(`${CHINESE} Huawei`)).toEqual([
      { face: 'cjk', text: CHINESE },
      { face: 'latin', text: ' Huawei' },
    ]);
    // Neither font has Hangul: transliterated, as before, rather than drawn as missing glyphs.
    expect(textRuns('한국 ≥ 5')).toEqual([{ face: 'latin', text: 'HanGug >= 5' }]);
    expect(textRuns('Müller & Co')).toEqual([{ face: 'latin', text: 'Müller & Co' }]);
  });

  it('embeds Noto fonts and draws Arabic and Chinese names as written, not transliterated', async () => {
    const pdf = await renderPdf({ title: 'Evidence', subject: 'names' }, (w) => {
      w.heading('Parties');
      w.field('End user', ARABIC);
      w.field('Consignee', `${CHINESE} (Shenzhen)`);
      w.list([`Ultimate consignee: ${CHINESE}`, 'plain item']);
    });
    const { fonts, runs, text } = inspectPdf(pdf);

    const arabicFont = fonts.find((f) => f.baseFont.endsWith('+NotoNaskhArabic'));
    const cjkFont = fonts.find((f) => f.baseFont.endsWith('+NotoSansHans-Regular'));
    expect(arabicFont, JSON.stringify(fonts)).toMatchObject({ embedded: true });
    expect(cjkFont, JSON.stringify(fonts)).toMatchObject({ embedded: true });

    const arabicRuns = runs.filter((r) => r.font === arabicFont!.baseFont);
    expect(arabicRuns.map((r) => readRtl(r.glyphs))).toEqual([ARABIC]);
    // As drawn, left to right: the number (its digits left to right), then the words from the last.
    expect(arabicRuns[0]!.glyphs.join('')).toBe(`٤٢${NBSP}يج${NBSP}ةعومجم`);
    const cjkRuns = runs.filter((r) => r.font === cjkFont!.baseFont).map((r) => r.glyphs.join(''));
    expect(cjkRuns).toEqual([CHINESE, CHINESE]);

    expect(text).not.toContain(anyAscii(CHINESE).trim());
    expect(text).not.toContain(anyAscii(ARABIC).trim());
    expect(text).toContain('(Shenzhen)');
  });

  it('embeds no font when every character is in the standard fonts', async () => {
    const pdf = await renderPdf({ title: 'Evidence', subject: 'latin' }, (w) => {
      w.field('End user', 'G42 Holding Ltd');
    });
    const { fonts, text } = inspectPdf(pdf);
    expect(fonts.every((f) => !f.embedded)).toBe(true);
    expect(text).toContain('G42 Holding Ltd');
    expect(pdf.length).toBeLessThan(10_000);
  });
});
