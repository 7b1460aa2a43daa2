import 'server-only';

/** An address as a log may keep it: its origin and path for a URL (never its query or fragment), else the keyword. */
function loggable(address: string): string {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? `${url.origin}${url.pathname}`
      : url.protocol;
  } catch {
    // 'inline', 'eval', 'self' and the like: a word the browser chose, no more than 32 plain characters of it.
    return address.replace(/[^\w-]/g, '').slice(0, 32);
  }
}

/** One structured log line for one violation a browser reported (ASVS 5.0 V16.2.1, V16.3.x). */
export function logCspViolation(report: { page: string; directive: string; blocked: string }): void {
  console.warn(
    JSON.stringify({
      event: 'csp.violation',
      page: loggable(report.page),
      directive: report.directive.replace(/[^\w-]/g, '').slice(0, 64),
      blocked: loggable(report.blocked),
      at: new Date().toISOString(),
    }),
  );
}
