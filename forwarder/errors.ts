// Errors the CLI turns into "error [code]: message" and exit code 2. Messages never carry a secret.
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_config' | 'no_webhook_secret' | 'weak_webhook_secret' = 'bad_config',
  ) {
    super(message);
  }
}

export const NO_SECRET_MESSAGE =
  'OPN_WEBHOOK_SECRET is not set, so forged webhooks could not be told from real ones: refusing to start. ' +
  'Set it to the webhook secret from the Opn dashboard, or pass --allow-unsigned (FORWARDER_ALLOW_UNSIGNED=1) for a demo or a test.';

/** Names the variable (or option), never the value. */
export const weakSecretMessage = (name: string, minBytes: number): string =>
  `${name} decodes to fewer than ${minBytes} bytes, so signatures made with it could be forged: refusing to start. ` +
  'Use the webhook secret from the Opn dashboard (base64).';
