/**
 * Canonical JSON values: every mapping with its keys sorted (by UTF-16 code units, as
 * Array.prototype.sort does), arrays in their order. Output must not depend on how an
 * inventory or a configuration was written. Imports nothing.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
