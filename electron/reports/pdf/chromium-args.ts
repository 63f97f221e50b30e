// The flags every headless Chromium of the app starts with (printers and tests alike).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
] as const;
