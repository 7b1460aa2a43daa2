import { z } from 'zod';
import { logCspViolation } from '@/server/cspReports';
import { problems, readJsonBody } from '@/server/http';
import { takeRateLimit } from '@/server/rateLimit';

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
const cspReportSchema = z.union([reportingApiReports, legacyReport]);

/**
 * What a page's Content-Security-Policy blocked, as the browser reports it: checked, limited per client address,
 * and logged one line each (never the query of an address, where a reset token or a provider's code may be).
 */
export async function POST(request: Request) {
  const waitSeconds = takeRateLimit('cspReport', request.headers);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const body = await readJsonBody(request, cspReportSchema, {
    maxBytes: 16 * 1024,
    mediaTypes: ['application/reports+json', 'application/csp-report', 'application/json'],
  });
  if (!body.ok) return body.response;
  const reports = Array.isArray(body.value)
    ? body.value
        .filter((report) => report.type === 'csp-violation')
        .map(({ body: report }) => ({
          page: report.documentURL,
          directive: report.effectiveDirective ?? '',
          blocked: report.blockedURL ?? '',
        }))
    : [
        {
          page: body.value['csp-report']['document-uri'],
          directive:
            body.value['csp-report']['effective-directive'] ??
            body.value['csp-report']['violated-directive'] ??
            '',
          blocked: body.value['csp-report']['blocked-uri'] ?? '',
        },
      ];
  for (const report of reports) logCspViolation(report);
  return new Response(null, { status: 204 });
}
