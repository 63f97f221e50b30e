// Limits of the manager PIN, shared by the gate's schemas, the settings schema and the PIN dialogs.
export const MANAGER_PIN_PATTERN = /^\d{4,8}$/;
export const MANAGER_PIN_RULE = 'PIN: 4 to 8 digits';
export const MANAGER_PIN_MAX_LENGTH = 8;
/** The length the going-live flow suggests (a 4-digit PIN falls to a patient guesser sooner). */
export const SUGGESTED_PIN_LENGTH = 6;
