/**
 * A share (0.1596) as a percentage ("15.96%"), two decimals at most, as rule messages,
 * evidence, reports and diagrams show it.
 *
 * Why: the same rounding must be used everywhere a share is printed, or a finding's message
 * and its report say 15.96% and 15.959999999999999%.
 */
export function percent(share: number): string {
  return `${Math.round(share * 10000) / 100}%`;
}
