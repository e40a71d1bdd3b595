/** A rule's settings from the configuration file: on or off, severity, parameters, and where each was written. */
import type { Severity } from '../findings/types.js';
import type { Location } from '../source/location.js';

/** Per-rule settings from the configuration file. */
export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
  /** Where the setting was written, for error messages. */
  location?: Location;
  /** Where each parameter value was written. */
  paramLocations?: Record<string, Location | undefined>;
}
