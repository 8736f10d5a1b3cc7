const urlPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)([^@/\s]+)(@)/gi;
// Not after ':' so ARNs such as arn:aws:secretsmanager:…:secret:name stay readable.
const keyValue = /(?<!:)\b((?:password|passwd|pwd|secret|secret_access_key|aws_secret_access_key|key|token)\s*[=:]\s*)('[^']*'|"[^"]*"|[^\s,;&]+)/gi;

const known = new Set<string>();

/** Remembers a secret value so that every later redaction hides it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) known.add(value);
}

/** Hides passwords in URLs, `password=…` pairs and any registered secret. */
export function redactSecrets(text: string): string {
  let out = text.replace(urlPassword, '$1***$3').replace(keyValue, '$1***');
  for (const secret of known) out = out.split(secret).join('***');
  return out;
}
