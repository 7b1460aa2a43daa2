import { cspReportSchema, logCspViolations } from '@/server/cspReports';
import { problems, readJsonBody, whileDatabaseAnswers } from '@/server/http';
import { takeRateLimit } from '@/server/rateLimit';

/**
 * What a page's Content-Security-Policy blocked, as the browser reports it: checked, limited per client address,
 * and logged one line each (never the query of an address, where a reset token or a provider's code may be).
 */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const waitSeconds = await takeRateLimit('cspReport', request.headers);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const body = await readJsonBody(request, cspReportSchema, {
    maxBytes: 16 * 1024,
    mediaTypes: ['application/reports+json', 'application/csp-report', 'application/json'],
  });
  if (!body.ok) return body.response;
  logCspViolations(body.value, request.headers);
  return new Response(null, { status: 204 });
});
