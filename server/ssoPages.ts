// The app's pages an identity provider sends the browser back to, registered at the provider. Plain data: the demo
// provider's settings read them too.

/** After a sign-in at the provider (the redirect URI). */
export const SSO_CALLBACK_PATH = '/sso/callback';
/** After a sign-out at the provider (the post-logout redirect URI). */
export const SSO_SIGNED_OUT_PATH = '/sso/signed-out';
