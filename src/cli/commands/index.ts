/**
 * The list of seglint commands, explicit and in the order `seglint --help` shows them. Each
 * command is its own file beside this one and imports what it shares from ../shared.ts, never
 * this list.
 */
import type { Command } from '../shared.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { explainCommand } from './explain.js';
import { graphCommand } from './graph.js';
import { initCommand } from './init.js';
import { pathCommand } from './path.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { schemaCommand } from './schema.js';
import { testRulesCommand } from './test-rules.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  checkCommand,
  reportCommand,
  rulesCommand,
  explainCommand,
  testRulesCommand,
  schemaCommand,
  pathCommand,
  graphCommand,
  initCommand,
  diffCommand,
];
