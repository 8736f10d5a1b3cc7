import { SparkifyError } from '../errors.js';

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return ipv4.test(text);
}

/** Asks checkip.amazonaws.com for this machine's public IPv4 address (what AWS sees). */
export async function discoverPublicIp(fetchText: (url: string) => Promise<string> = defaultFetchText): Promise<string> {
  let answer: string;
  try {
    answer = (await fetchText('https://checkip.amazonaws.com')).trim();
  } catch (error) {
    throw new SparkifyError('AWS', `could not discover this machine's public address (${error instanceof Error ? error.message : String(error)}) — set SPARKIFY_PUBLIC_IP`, {
      cause: error,
    });
  }
  if (!isIpv4(answer)) throw new SparkifyError('AWS', `checkip.amazonaws.com answered "${answer.slice(0, 40)}", not an IPv4 address — set SPARKIFY_PUBLIC_IP`);
  return answer;
}

async function defaultFetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
