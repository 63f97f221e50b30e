// Errors the CLI turns into "error [code]: message" and exit code 2. Messages never carry a secret.
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_config' | 'no_webhook_secret' = 'bad_config',
  ) {
    super(message);
  }
}

export const NO_SECRET_MESSAGE =
  'OPN_WEBHOOK_SECRET is not set, so forged webhooks could not be told from real ones: refusing to start. ' +
  'Set it to the webhook secret from the Opn dashboard, or pass --allow-unsigned (FORWARDER_ALLOW_UNSIGNED=1) for a demo or a test.';
