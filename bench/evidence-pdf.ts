import { cpus } from 'node:os';
import { type PdfWriter, renderPdf } from '../src/reports/pdf.js';

/**
 * `npx tsx bench/evidence-pdf.ts [rounds]`
 *
 * What the embedded Unicode fonts cost an evidence-sized PDF (two pages of fields, paragraphs
 * and a list): the same document with an Arabic and a Chinese party name (Noto Naskh Arabic and
 * Noto Sans Hans embedded, subset to the glyphs used) against the baseline with their Latin
 * transliterations (standard fonts only, nothing embedded), in the same run. Prints time per
 * PDF and size for both, and the ratios.
 */

const rounds = Number(process.argv[2] ?? 20);

function body(names: { endUser: string; consignee: string }) {
  return (w: PdfWriter) => {
    w.heading('Evidence bundle', 1);
    w.field('End user', names.endUser);
    w.field('Intermediate consignee', names.consignee);
    for (let i = 0; i < 40; i++) {
      w.heading(`Entry ${i}: request.submitted`, 3);
      w.field('Who', `exporter org_${i}`);
      w.para(`{"endUser":"${names.endUser}","consignee":"${names.consignee}","index":${i}}`, { mono: true });
    }
    w.list(['Verify the checkpoint signature', 'Hash each entry', 'Check each inclusion proof']);
  };
}

async function measure(names: { endUser: string; consignee: string }) {
  await renderPdf({ title: 'warm-up', subject: 'x' }, body(names));
  let bytes = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    bytes = (await renderPdf({ title: 'Evidence', subject: 'bench' }, body(names))).length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
  return { ms, bytes };
}

const baseline = await measure({ endUser: 'mjmw`t jy', consignee: 'Hua Wei Ji Shu You Xian Gong Si' });
const unicode = await measure({ endUser: 'مجموعة جي', consignee: '华为技术有限公司' });
console.log(`CPU ${cpus()[0]?.model ?? '?'}; ${rounds} PDFs each`);
console.log(
  `baseline (transliterated, standard fonts): ${baseline.ms.toFixed(1)} ms/PDF, ${baseline.bytes} bytes`,
);
console.log(
  `Unicode names (Noto fonts embedded):       ${unicode.ms.toFixed(1)} ms/PDF, ${unicode.bytes} bytes`,
);
console.log(
  `ratio: time ×${(unicode.ms / baseline.ms).toFixed(2)}, size ×${(unicode.bytes / baseline.bytes).toFixed(2)}`,
);
