// The charge's authorize_uri as a QR code: error correction M, rendered at ≥ 320 px so a phone
// scans it from 40 cm. Rendered to a data-URL image (allowed by the page's CSP: img-src data:).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export const QR_SIZE_PX = 360;

export function QrCode({ text, size = QR_SIZE_PX }: { text: string; size?: number }) {
  const [src, setSrc] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size, color: { dark: '#000000', light: '#ffffff' } }).then(
      (url) => live && setSrc({ text, url }),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text, size]);
  // Never show a QR rendered for another URI, even for a frame.
  if (!src || src.text !== text) return <div className="qr-placeholder" style={{ width: size, height: size }} />;
  return <img className="qr" data-testid="qr" src={src.url} width={size} height={size} alt="KakaoPay QR code" />;
}
