/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  poweredByHeader: false,
  reactStrictMode: true,
  // Set by `npm test` once `npm run typecheck` (Next's route types, then tsc) has passed: its build need not check again.
  typescript: { ignoreBuildErrors: process.env.RELAY_TYPES_CHECKED === '1' },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // Nothing the app does needs these; a page injected into it gets none of them either.
          {
            key: 'Permissions-Policy',
            value:
              'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()',
          },
        ],
      },
      {
        // The provider's answers (a code and state, a sign-out's state) arrive in these pages' URLs: no request
        // made from them may carry them.
        source: '/sso/:page*',
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      },
      {
        // The reset token is in this page's URL: no request made from it may carry it (ASVS 5.0 V3.4.5).
        source: '/reset-password',
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      },
    ];
  },
};

export default nextConfig;
