/**
 * date-age: months between a date field and today. A finding when the date is missing or
 * more than `maxMonths` old.
 */
import { getPath } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';

export interface DateAgeOptions {
  field: string;
  maxMonths: number;
  /** Whether a missing date is a finding. */
  reportMissing: boolean;
}

/** Whole months from `from` to `to` (YYYY-MM-DD), counting a month only when its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months--;
  return months;
}

export const dateAge: RuleFunction<DateAgeOptions> = {
  name: 'date-age',
  description:
    'Age in months of a date field (e.g. the last external audit); a finding when missing or older than a limit.',
  appliesTo: ['asset', 'zone', 'room', 'site', 'organization', 'conduit', 'link', 'person'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['field'],
    properties: {
      field: { type: 'string', description: 'Dotted path of the date field.' },
      maxMonths: { type: ['integer', 'string'], description: 'Oldest age allowed, in months.' },
      reportMissing: { type: ['boolean', 'string'], description: 'Report entities without the date.' },
    },
  },
  defaults: { field: 'date', maxMonths: 24, reportMissing: true },
  dataKeys: ['date', 'months', 'maxMonths', 'field', 'today'],
  run(selected: Entity[], o: DateAgeOptions, ctx: FunctionContext): FunctionResult[] {
    const out: FunctionResult[] = [];
    for (const e of selected) {
      const v = getPath(e.obj, o.field);
      if (typeof v !== 'string') {
        if (!o.reportMissing) continue;
        out.push({
          entity: { type: e.type, id: e.id },
          data: { date: 'never', months: 'unknown', maxMonths: o.maxMonths, field: o.field, today: ctx.today },
          evidence: { field: o.field, date: null, maxMonths: o.maxMonths, today: ctx.today },
        });
        continue;
      }
      const months = monthsBetween(v, ctx.today);
      if (months <= o.maxMonths) continue;
      const parent = o.field.includes('.') ? getPath(e.obj, o.field.split('.').slice(0, -1).join('.')) : e.obj;
      out.push({
        entity: { type: e.type, id: e.id },
        at: parent && typeof parent === 'object' ? { obj: parent, field: o.field.split('.').pop()! } : undefined,
        data: { date: v, months, maxMonths: o.maxMonths, field: o.field, today: ctx.today },
        evidence: { field: o.field, date: v, months, maxMonths: o.maxMonths, today: ctx.today },
      });
    }
    return out;
  },
};
