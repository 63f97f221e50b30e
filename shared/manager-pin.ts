// Limits of the manager PIN, shared by the gate's schemas, the settings schema and the PIN dialogs.
import { z } from 'zod';

export const MANAGER_PIN_PATTERN = /^\d{4,8}$/;
export const MANAGER_PIN_RULE = 'PIN: 4 to 8 digits';
export const MANAGER_PIN_MAX_LENGTH = 8;
/** The length the going-live flow suggests (a 4-digit PIN falls to a patient guesser sooner). */
export const SUGGESTED_PIN_LENGTH = 6;

/** A PIN as a request carries it (the gate adds this field from a channel's PIN policy). */
export const managerPinSchema = z.string().regex(MANAGER_PIN_PATTERN, MANAGER_PIN_RULE);
