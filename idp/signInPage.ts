// The demo identity provider's own pages: sign in (with a way to cancel) and sign out; plain HTML, keyboard-friendly.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

type SignInPage = { uid: string; clientName: string; email: string; error?: string };

export const IDP_NAME = 'Demo identity provider';

/** The provider's page around its content: one card, its name as the heading. */
function providerPage(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${IDP_NAME}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #eef1f5; color: #1b1f24; margin: 0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 0.5rem;
    box-shadow: 0 1px 4px rgb(0 0 0 / 15%); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; margin-top: 0.25rem;
    font-size: 1rem; border: 1px solid #6b7280; border-radius: 0.25rem; }
  button { margin-top: 1.25rem; padding: 0.6rem 1.2rem; font-size: 1rem; border-radius: 0.25rem; cursor: pointer; }
  .primary { background: #1d4ed8; color: #fff; border: 0; }
  .secondary { background: #fff; color: #1b1f24; border: 1px solid #6b7280; }
  .problem { color: #b91c1c; font-weight: 600; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>${IDP_NAME}</h1>
  ${content}
</main>
</body>
</html>`;
}

export function signInPage({ uid, clientName, email, error }: SignInPage): string {
  const problem = error ? `<p role="alert" class="problem">${escapeHtml(error)}</p>` : '';
  return providerPage(
    'Sign in',
    `<p>Sign in to continue to ${escapeHtml(clientName)}.</p>
  ${problem}
  <form method="post" action="/interaction/${escapeHtml(uid)}/login">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
    <button class="primary" type="submit">Sign in</button>
  </form>
  <form method="post" action="/interaction/${escapeHtml(uid)}/cancel">
    <button class="secondary" type="submit">Cancel</button>
  </form>`,
  );
}

/**
 * The provider asks before it ends its own session (OpenID Connect RP-initiated logout): `form` is oidc-provider's
 * own (its action and anti-forgery field); "Sign out" ends the session here, "Stay signed in" only the app's.
 */
export function signOutPage({ clientName, form }: { clientName: string; form: string }): string {
  return providerPage(
    'Sign out',
    `<p>You signed out of ${escapeHtml(clientName)}. Sign out of ${IDP_NAME} too?</p>
  ${form}
  <button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
  <button class="secondary" type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${IDP_NAME}</title></head>
<body><main><h1>${IDP_NAME}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
