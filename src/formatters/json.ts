import type { Formatter } from './types.js';

/** The JSON report of schemas/report.schema.json, with stable key order and a final newline. */
export const json: Formatter = (report) => JSON.stringify(report, null, 2) + '\n';
