import { redactSecrets } from '../redact.js';

const arn = /\barn:aws[a-z-]*:[^\s"',]+/g;

/**
 * redactSecrets, but ARNs pass through whole: a Secrets Manager ARN (`…:secret:name`) names a
 * secret without holding it, and the generic `secret: value` rule would otherwise cut it.
 */
export function redactKeepingArns(text: string): string {
  const arns: string[] = [];
  const masked = text.replace(arn, (match) => `\u0000${arns.push(match) - 1}\u0000`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks the ARNs set aside above; it cannot occur in the text itself.
  return redactSecrets(masked).replace(/\u0000(\d+)\u0000/g, (_, index: string) => arns[Number(index)] ?? '');
}
