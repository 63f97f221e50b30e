// Draws the app icon (build/icon.png, 512×512): a KakaoPay-yellow rounded square with a dark "K".
// electron-builder derives the .ico/.icns from this PNG. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const size = 512;
const png = new PNG({ width: size, height: size });
const yellow = [0xfe, 0xe5, 0x00];
const ink = [0x19, 0x16, 0x00];

// Distance from point p to segment ab.
function seg(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const r = 110; // corner radius
const stroke = 34;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    const cx = Math.min(Math.max(x, r), size - r), cy = Math.min(Math.max(y, r), size - r);
    const inside = Math.hypot(x - cx, y - cy) <= r;
    if (!inside) {
      png.data[i + 3] = 0;
      continue;
    }
    const k = Math.min(seg(x, y, 176, 130, 176, 382), seg(x, y, 196, 268, 342, 130), seg(x, y, 236, 236, 346, 382));
    const c = k <= stroke ? ink : yellow;
    png.data[i] = c[0];
    png.data[i + 1] = c[1];
    png.data[i + 2] = c[2];
    png.data[i + 3] = 255;
  }
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, PNG.sync.write(png));
process.stdout.write(`wrote ${out}\n`);
