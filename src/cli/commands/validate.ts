/** `seglint validate <paths..>`: load and validate an inventory only; exit 0 when valid, 2 with every problem otherwise. */
import { loadInventory } from '../../inventory/load.js';
import { visible } from '../../base/sanitize.js';
import { inventoryOptions, loadOptionsFrom, type Command } from '../shared.js';

export const validateCommand: Command = {
  command: 'validate <paths..>',
  describe: 'Load and validate an inventory only; exit 0 when valid, 2 with every problem otherwise',
  builder: (y) => inventoryOptions(y).example('$0 validate inventories/port-of-rotterdam.yaml', ''),
  handler: async (args, io) => {
    const r = loadInventory(args.paths as string[], loadOptionsFrom(args, io));
    const inv = r.inventory;
    io.stdout(
      `${visible(inv.name)}: valid (${inv.files.length} file${inv.files.length === 1 ? '' : 's'}, ${inv.assets.length} assets, ${inv.links.length} links, ${inv.zones.length} zones)\n`,
    );
    return 0;
  },
};
