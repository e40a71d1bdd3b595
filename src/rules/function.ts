/**
 * The contract between the rule engine and the graph functions: what a function is given, what
 * it returns, and the registry of them that the caller passes to the loader and the engine. It
 * lives with the engine (rules/), so that functions/ depends on rules/ and never the reverse.
 */
import type { Model } from '../graph/model.js';
import type { RelatedRef } from '../findings/types.js';
import type { Location } from '../source/location.js';
import type { Condition, View } from './conditions.js';
import type { Entity, EntityView, RunInputs, SelectableType } from './attributes.js';

export interface FunctionContext {
  model: Model;
  /** Effective rule parameters (defaults, then inventory policy, then config). */
  params: Record<string, unknown>;
  /** Today's date, YYYY-MM-DD (fixed by --today for reproducible runs). */
  today: string;
  /** Evaluates a condition of the rule language on an entity. */
  matches(cond: Condition | undefined, entity: Entity): boolean;
  /** Evaluates a condition on any view (e.g. an access grant). */
  evaluate(cond: Condition, view: View): boolean;
  view(entity: Entity): EntityView;
  /** The entity of a type with an id, if it exists. */
  entity(type: SelectableType, id: string): Entity | undefined;
  /** The run's inputs beside the model: the waiver register, the policy changes. */
  inputs: RunInputs;
}

/** One finding-to-be, as a function reports it. The engine adds place, message and fingerprint. */
export interface FunctionResult {
  /** The entity the finding is about (default: the selected entity). */
  entity: { type: string; id: string };
  /** Where to point: an inventory object and optionally one of its keys (default: the entity). */
  at?: { obj: object; field?: string | number };
  /** Where to point when the place is no inventory object (a configuration or rule file); the engine uses it as given. */
  location?: Location;
  /**
   * Which of the rule's messages this finding takes, one of the function's `messageIds`;
   * absent when the function names none (the rule then has exactly one message).
   */
  messageId?: string;
  /** Values for the message template. */
  data: Record<string, unknown>;
  evidence: Record<string, unknown>;
  related?: RelatedRef[];
  /** Extra material for the fingerprint, so that two findings of a rule on one entity differ. */
  key?: string;
}

export interface RuleFunction<O = Record<string, unknown>> {
  name: string;
  description: string;
  /** Entity types the function accepts as the rule's selection. */
  appliesTo: readonly SelectableType[];
  /** JSON Schema of the options (additionalProperties: false), validated when a rule loads. */
  optionsSchema: object;
  defaults: O;
  /** Option keys whose values are conditions, validated like `where`, with the entity type they apply to. */
  conditionOptions?: Record<string, SelectableType | 'grant'>;
  /** The computed attributes (`$name`) a condition on an access grant may read, for a function whose conditionOptions take grants. */
  grantAttributes?: readonly string[];
  /** Keys of `data` the message template may use. */
  dataKeys: readonly string[];
  /**
   * The message ids its results name (`FunctionResult.messageId`); a rule using the function
   * declares a message for each (`messages:`). Absent: results name none, and the rule has one message.
   */
  messageIds?: readonly string[];
  run(selected: Entity[], options: O, ctx: FunctionContext): FunctionResult[];
}

/**
 * The functions a rule may name in `check.function`, by name. The caller passes it in (the
 * built-in registry is src/functions/index.ts); options are typed per function, so the
 * registry holds them as functions of some options (`run` is a method: its options parameter
 * is checked bivariantly).
 */
export type FunctionRegistry = ReadonlyMap<string, RuleFunction<object>>;
