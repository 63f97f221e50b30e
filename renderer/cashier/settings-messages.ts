// What a manager reads under a Settings field the schema refuses: what is expected and where it
// comes from, instead of the validator's own words ("Too small: expected string to have >=16 …").

const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  shopName: 'Give the shop a name (1 to 80 characters).',
  country: 'Choose Singapore or Thailand.',
  timeZone: 'Choose a time zone from the list.',
  terminalId: 'Use 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit.',
  storeId: 'Use 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit.',
  opnApiBase: 'Enter a web address starting with https:// (http:// only for a local sandbox).',
  opnPublicKey: 'An Opn public key starts with pkey_ (pkey_test_ for test keys). Copy it from the Opn dashboard, under Keys.',
  opnSecretKey: 'An Opn secret key starts with skey_ (skey_test_ for test keys). Copy it from the Opn dashboard, under Keys.',
  forwarderUrl: 'Enter the forwarder address starting with wss:// (ws:// on a local network), for example wss://relay.example.com/terminals.',
  forwarderToken: 'A forwarder token is 16 to 200 characters. Copy the whole token that "npm run forwarder -- token create <terminal>" printed.',
  managerPin: 'The manager PIN is 4 to 8 digits.',
  displayLanguages: 'Choose at least one language.',
  captureMode: 'Choose automatic or manual capture.',
  cashierLanguage: 'Choose English, Thai or Korean.',
};

/** The message for a refused field; the validator's text only for a field this list does not know. */
export function settingsFieldMessage(field: string, fallback: string): string {
  return FIELD_MESSAGES[field] ?? fallback;
}
