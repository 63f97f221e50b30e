// The report and summary never carry a key: the given ones are replaced, and anything shaped like an Opn
// key (pkey_/skey_) is masked as a second line of defence.
export function redact<T>(value: T, secrets: readonly string[]): T {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  out = out.replace(/\b[ps]key_(test_)?[0-9a-z]{4,}\b/g, '[redacted]');
  return (typeof value === 'string' ? out : JSON.parse(out)) as T;
}
