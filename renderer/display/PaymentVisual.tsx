// The box the customer looks at to pay: the QR code today, KakaoPay's hosted checkout page later.
// It takes whatever room the screen leaves after the amount and the countdown and scales its content
// to fit (container query units), so it is never clipped, from a 360×640 phone to a 4K screen.
import type { ReactNode } from 'react';

/** 'square' for a QR code; 'page' for an embedded checkout page (3:4, portrait). */
export type VisualShape = 'square' | 'page';

export function PaymentVisual({ shape = 'square', children }: { shape?: VisualShape; children: ReactNode }) {
  return (
    <div className="pay-visual-slot">
      <div className={`pay-visual pay-visual-${shape}`} data-testid="pay-visual">
        {children}
      </div>
    </div>
  );
}
