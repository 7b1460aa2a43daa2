import 'server-only';
import { z } from 'zod';
import { logSecurityEvent } from './log';

const text = z.string().max(2048);
// The two shapes browsers send: the Reporting API's list (report-to), and the older single report (report-uri).
const reportingApiReports = z
  .array(
    z.object({
      type: z.string().max(64),
      body: z.object({
        documentURL: text,
        effectiveDirective: text.optional(),
        blockedURL: text.optional(),
      }),
    }),
  )
  .min(1)
  .max(20);
const legacyReport = z.object({
  'csp-report': z.object({
    'document-uri': text,
    'effective-directive': text.optional(),
    'violated-directive': text.optional(),
    'blocked-uri': text.optional(),
  }),
});

/** A body of CSP reports, in either shape. */
export const cspReportSchema = z.union([reportingApiReports, legacyReport]);
export type CspReports = z.infer<typeof cspReportSchema>;

type Violation = { page: string; directive: string; blocked: string };

/** The violations a body reports, one shape for both. */
function violationsIn(reports: CspReports): Violation[] {
  if (Array.isArray(reports))
    return reports
      .filter((report) => report.type === 'csp-violation')
      .map(({ body }) => ({
        page: body.documentURL,
        directive: body.effectiveDirective ?? '',
        blocked: body.blockedURL ?? '',
      }));
  const report = reports['csp-report'];
  return [
    {
      page: report['document-uri'],
      directive: report['effective-directive'] ?? report['violated-directive'] ?? '',
      blocked: report['blocked-uri'] ?? '',
    },
  ];
}

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

/** One security event for each violation a browser reported, with the request's headers it came in. */
export function logCspViolations(reports: CspReports, headers: Headers): void {
  for (const violation of violationsIn(reports))
    logSecurityEvent(headers, {
      event: 'csp.violation',
      page: loggable(violation.page),
      directive: violation.directive.replace(/[^\w-]/g, '').slice(0, 64),
      blocked: loggable(violation.blocked),
    });
}
