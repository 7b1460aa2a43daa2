import 'server-only';
import { randomBytes } from 'node:crypto';

/**
 * Where browsers send the reports of what the policy blocked, by `report-uri`: Chromium sends those at once, where
 * it only queued the Reporting API's (`report-to`), and with both it would use `report-to` alone.
 */
export const CSP_REPORT_PATH = '/api/csp-report';

/** A fresh nonce for one page: 128 random bits, never used twice. */
export const newNonce = () => randomBytes(16).toString('base64');

/**
 * The Content-Security-Policy of every page (ASVS 5.0 V3.4.3): scripts only with this response's nonce and what
 * they load ('strict-dynamic'), nothing embedded, no <base>, never framed, forms to the app only; eval only for
 * React's debugging in development. Styles may be inline: React's style attributes and the offline page use them.
 */
/** An API answer is data: it runs, loads and embeds nothing, and no page may frame it (ASVS 5.0 V3.4.3, V3.4.6). */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function contentSecurityPolicy(
  nonce: string,
  options: { development: boolean; https: boolean },
): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
    `report-uri ${CSP_REPORT_PATH}`,
  ].join('; ');
}
