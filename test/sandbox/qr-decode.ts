// Decodes the QR code in a PNG screenshot (jsQR over pngjs pixels): the tests read what a phone would scan.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height)?.data ?? null;
}
