// A PDF's text as lines, read with PDF.js (pdfjs-dist's Node build) instead of poppler's pdftotext, so
// PDF tests need nothing but Node. Items on one baseline join into one line, left to right, with a
// run of spaces where the page has a gap, roughly like `pdftotext -layout`.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
}

export async function pdfText(data: Uint8Array): Promise<string> {
  // PDF.js detaches the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        // Chromium's subset fonts map the space glyph to U+0001: it is a space.
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
        items.push({ str: it.str.replace(/[\u0000-\u001f]/g, ' '), x: it.transform[4] as number, y: it.transform[5] as number, width: it.width });
      }
      pages.push(lines(items).join('\n'));
    }
    return pages.join('\n\f');
  } finally {
    await doc.destroy();
  }
}

function lines(items: Item[]): string[] {
  // Top to bottom; items within 2 points of a baseline belong to it.
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - it.y) <= 2) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let out = '';
    let end = -Infinity;
    for (const it of row) {
      if (out !== '' && it.x - end > 1) out += it.x - end > 6 ? '   ' : ' ';
      out += it.str;
      end = it.x + it.width;
    }
    return out.replace(/ +$/, '');
  });
}
