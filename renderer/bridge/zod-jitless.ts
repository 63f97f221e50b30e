// The pages' CSP allows no eval (shared/csp.ts): zod's JIT would probe `new Function`, and the refused
// probe is reported as a violation. Imported first by the bridge, before any shared/ module parses
// at load time (shared/receipts.ts does), so both pages parse without the JIT.
import { z } from 'zod';

z.config({ jitless: true });
