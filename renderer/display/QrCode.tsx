// The charge's authorize_uri as a QR code: error correction M, drawn as SVG (crisp edges) so it stays sharp at
// whatever size the payment box gives it (a 360 px phone to a 4K screen). Shown as a data: image,
// which the page's CSP allows (img-src data:).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ text }: { text: string }) {
  const [src, setSrc] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then(
      (svg) => live && setSrc({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text]);
  // Never show a QR rendered for another URI, even for a frame.
  if (!src || src.text !== text) return <div className="qr-placeholder" />;
  return <img className="qr" data-testid="qr" src={src.url} alt="KakaoPay QR code" />;
}
