// The cashier's language for every screen below the app: one context, read with useTexts().
import { createContext, useContext } from 'react';
import { cashierTexts, type CashierTexts } from '../../shared';

export const TextsContext = createContext<CashierTexts>(cashierTexts('en'));

export function useTexts(): CashierTexts {
  return useContext(TextsContext);
}
