import { sqlString } from '../sql/quote.js';

/** A class of user agent and the LIKE patterns that pick it; the first matching rule wins. */
export interface AgentRule {
  label: string;
  patterns: string[];
}

/** Order matters: Edge and Chromium say "Chrome", Chrome says "Safari", iOS says "Mac OS X", Android says "Linux". */
export const browserRules: AgentRule[] = [
  { label: 'Internet Explorer', patterns: ['%Trident/%', '%MSIE %'] },
  { label: 'Edge', patterns: ['%Edge/%', '%Edg/%'] },
  { label: 'Firefox', patterns: ['%Firefox/%'] },
  { label: 'Chrome', patterns: ['%Chrome/%', '%Chromium/%', '%CriOS/%'] },
  { label: 'Safari', patterns: ['%Safari/%'] },
];

export const osRules: AgentRule[] = [
  { label: 'iOS', patterns: ['%iPhone%', '%iPad%', '%iPod%'] },
  { label: 'Android', patterns: ['%Android%'] },
  { label: 'Windows', patterns: ['%Windows%'] },
  { label: 'macOS', patterns: ['%Macintosh%', '%Mac OS X%'] },
  { label: 'Linux', patterns: ['%Linux%', '%X11%'] },
];

/** `CASE WHEN column LIKE … THEN label … END`, in the plain SQL every engine shares. */
export function classifySql(column: string, rules: AgentRule[]): string {
  const whens = rules.map((rule) => `WHEN ${rule.patterns.map((p) => `${column} LIKE ${sqlString(p)}`).join(' OR ')} THEN ${sqlString(rule.label)}`);
  return `CASE WHEN ${column} IS NULL OR ${column} = '' THEN '(unknown)' ${whens.join(' ')} ELSE 'Other' END`;
}
