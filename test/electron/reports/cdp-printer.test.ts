// The warm PDF printer of browser mode: the system Chromium over its DevTools pipe (no playwright-core),
// one page kept for the session. The same template prints with its Hangul and Thai text, twice on the
// warm page (the second with other content), JavaScript off, nothing fetched from the network.
import { afterAll, describe, expect, it } from 'vitest';
import { createCdpPrinter } from '../../../electron/reports/pdf/cdp-printer';
import type { CdpPrinter } from '../../../electron/reports/pdf/cdp-printer';
import { pdfText } from '../../support/pdf-text';
import { CHROMIUM_PATH, needsChromium } from '../../support/programs';

let printer: CdpPrinter | null = null;
afterAll(async () => {
  await printer?.close();
});

const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

describe('CDP printer', () => {
  it.skipIf(needsChromium.missing)(needsChromium.title('prints, stays warm for the next print, runs no script, fetches nothing'), async () => {
    printer = createCdpPrinter({ executablePath: CHROMIUM_PATH ?? undefined });
    const first = await printer.print(page('Kimchi Corner 김치', '<p>ร้านอาหาร 368.40</p><script>document.body.innerHTML = "SCRIPT RAN"</script><img src="http://127.0.0.1:9/x.png">'));
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(first);
    expect(text).toContain('Kimchi Corner');
    expect(text).toContain('김치');
    expect(text).toContain('368.40');
    expect(text).not.toContain('SCRIPT RAN');
    const second = await printer.print(page('Second day', '<p>120.00</p>'));
    const text2 = await pdfText(second);
    expect(text2).toContain('Second day');
    expect(text2).not.toContain('Kimchi');
    // Closed, it starts again on the next print.
    await printer.close();
    expect(await pdfText(await printer.print(page('Again', '')))).toContain('Again');
  });
});
