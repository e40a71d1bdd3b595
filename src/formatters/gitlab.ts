/**
 * GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array with one issue per
 * finding that stands (not under an active waiver, not hidden by the baseline, not resolved),
 * in the report's order (file, line, column, rule). Each issue has the fields GitLab reads:
 *   { "description", "check_name", "fingerprint", "severity", "location": { "path", "lines": { "begin" } } }
 * plus `type: "issue"` and `categories` from the Code Climate spec it is a subset of.
 * check_name is the rule id, fingerprint the finding's fingerprint, path the finding's file with
 * forward slashes. Severities: critical -> blocker, high -> critical, medium -> major,
 * low -> minor, info -> info. The description (what the merge request widget shows) is made
 * `visible`; the other strings keep the data exact, and the registry writes every unsafe
 * character as a JSON escape (src/formatters/index.ts).
 */
import { compareFindings, type Severity } from '../findings/types.js';
import { annotationMessage, isOpen, slashPath } from './common.js';
import type { Formatter } from './types.js';
import { visible } from '../base/sanitize.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

export interface GitlabIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  categories: string[];
  location: { path: string; lines: { begin: number } };
}

export const gitlab: Formatter = (report) => {
  const issues: GitlabIssue[] = [...report.findings]
    .filter(isOpen)
    .sort(compareFindings)
    .map((f) => {
      return {
        type: 'issue',
        description: visible(annotationMessage(f)),
        check_name: f.ruleId,
        fingerprint: f.fingerprint,
        severity: GITLAB_SEVERITY[f.severity],
        categories: ['Security'],
        location: { path: slashPath(f.location.file), lines: { begin: Math.max(1, f.location.line) } },
      };
    });
  return JSON.stringify(issues, null, 2) + '\n';
};
