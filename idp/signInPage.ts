// The demo identity provider's own sign-in page: plain HTML, keyboard-friendly, with a way to cancel.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

type SignInPage = { uid: string; clientName: string; email: string; error?: string };

export const IDP_NAME = 'Demo identity provider';

export function signInPage({ uid, clientName, email, error }: SignInPage): string {
  const problem = error ? `<p role="alert" class="problem">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · ${IDP_NAME}</title>
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
  <p>Sign in to continue to ${escapeHtml(clientName)}.</p>
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
  </form>
</main>
</body>
</html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${IDP_NAME}</title></head>
<body><main><h1>${IDP_NAME}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
