/** Small hand-built inventories for the model-graph tests. */
import { emptyInventory, type Asset, type Inventory, type Link } from '../../src/inventory/types.js';

/** A resolved inventory with every collection empty, overridden by `parts`. */
export function inventory(parts: Partial<Inventory> = {}): Inventory {
  return { ...emptyInventory(), name: 'test', ...parts };
}

/** An asset of kind "server" (unless given) in `zone` (if given). */
export function asset(id: string, zone?: string, extra: Partial<Asset> = {}): Asset {
  return { id, kind: 'server', ...(zone ? { zone } : {}), ...extra };
}

/** An ethernet link `from` -> `to`. */
export function link(id: string, from: string, to: string, extra: Partial<Link> = {}): Link {
  return { id, from, to, medium: 'ethernet', ...extra };
}

/** A chain of assets a0 - a1 - ... joined by links l1, l2, ... (link i joins a(i-1) to a(i)). */
export function chain(ids: string[], extra: Partial<Link> = {}): Link[] {
  return ids.slice(1).map((to, i) => link(`l${i + 1}`, ids[i]!, to, extra));
}
