import { z } from "zod";

// For code that runs in the browser: zod 4 probes whether it may compile parsers with
// `new Function` the first time an object schema is made, and the pages' Content-Security-
// Policy (no 'unsafe-eval', docs/decisions/0018) reports that probe as a violation even though
// zod catches it. Without JIT zod parses the same, and never probes. Client components import
// `z` from here, never from "zod" directly.
z.config({ jitless: true });

export { z };
