import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const base = (ownership: string) => yaml`
  seglint: 1
  organizations:
    - id: state-x
      type: state
      country: CN
    - id: cnnc
      type: state-enterprise
      country: CN
      owners: [{ organization: state-x, share: 1 }]
    - id: tongfang
      type: holding
      country: CN
      owners: [{ organization: cnnc, share: ${ownership} }]
    - id: nuctech
      type: vendor
      country: CN
      owners:
        - organization: tongfang
          share: 0.76
`;

describe('state-ownership', () => {
  it('reports 21% x 76% = 15.96% with the chain as evidence', () => {
    const inv = base('0.21');
    const { findings } = runRule('state-ownership', inv);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('state-ownership');
    expect(f.entity).toEqual({ type: 'organization', id: 'nuctech' });
    expect(f.location.line).toBe(lineOf(inv, 'owners:', lineOf(inv, 'id: nuctech')));
    expect(f.evidence).toMatchObject({ share: 0.1596, chains: [{ organizations: ['nuctech', 'tongfang', 'cnnc'], shares: [0.76, 0.21], product: 0.1596 }] });
    expect(f.data.share).toBe('15.96%');
  });

  it('stays silent below the threshold', () => {
    // 0.13 x 0.76 = 9.88%
    expect(runRule('state-ownership', base('0.13')).findings).toEqual([]);
  });

  it('honours a threshold set in the inventory policy', () => {
    const inv = base('0.13') + 'policy:\n  params:\n    state-ownership: { threshold: 0.05 }\n';
    const { findings } = runRule('state-ownership', inv);
    expect(findings.map((f) => f.entity.id)).toEqual(['nuctech']);
    expect(findings[0]!.data.threshold).toBe('5%');
  });
});
