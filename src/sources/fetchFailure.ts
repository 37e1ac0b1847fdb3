/** Why a request failed, in words, and whether trying again could help. */
export interface FetchFailure {
  message: string;
  /** A certificate or protocol mismatch is the same on the next attempt. */
  permanent: boolean;
}

interface SystemError extends Error {
  code?: string;
  errors?: Array<{ code?: string }>;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const CONNECT_TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/**
 * Names the cause of a failed fetch. Node's fetch throws "fetch failed" for every network
 * error and keeps the reason in `error.cause` (a system error with a code; an
 * AggregateError when every address of a host refused).
 */
export function describeFetchFailure(error: unknown, url: URL, timeoutMs: number): FetchFailure {
  const e = error as SystemError & { cause?: SystemError };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return retry(`no complete answer within ${timeoutMs} ms`);
  const cause = e.cause ?? e;
  const code = cause.code ?? cause.errors?.find((inner) => inner.code !== undefined)?.code;
  if (code === undefined) return retry(cause === e ? e.message : `${e.message}: ${cause.message}`);
  if (code === 'ECONNREFUSED') return retry(`connection refused by ${url.host} (${code})`);
  if (DNS_CODES.has(code)) return retry(`DNS lookup failed for ${url.hostname} (${code})`);
  if (CLOSED_CODES.has(code)) return retry(`connection closed by ${url.host} (${code})`);
  if (CONNECT_TIMEOUT_CODES.has(code)) return retry(`no connection to ${url.host} within the time allowed (${code})`);
  if (UNREACHABLE_CODES.has(code)) return retry(`${url.host} is unreachable (${code})`);
  if (TLS_CODE.test(code)) return { message: `TLS failed: ${openSslReason(cause.message)} (${code})`, permanent: true };
  return retry(`${cause.message} (${code})`);
}

function retry(message: string): FetchFailure {
  return { message, permanent: false };
}

/** OpenSSL's "803C...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file:line:" -> its reason. */
function openSslReason(message: string): string {
  return /:error:[0-9A-Fa-f]+:[^:]*:[^:]*:([^:]+)/.exec(message)?.[1] ?? message.trim();
}
