// For the server's tests: what a browser does at the provider (follow its redirects, post its form), over real HTTP.

/** A browser's visit to the provider: its cookies, and the redirects it follows until it leaves the provider. */
export class ProviderVisit {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly issuer: string) {}

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /** Follows redirects within the provider; returns the first URL outside it (the app's callback) or the page. */
  private async follow(response: Response): Promise<{ left?: URL; page?: Response }> {
    let current = response;
    for (let hop = 0; hop < 10; hop += 1) {
      const location = current.headers.get('location');
      if (!location) return { page: current };
      const next = new URL(location, this.issuer);
      if (next.origin !== new URL(this.issuer).origin) return { left: next };
      current = await this.request(next.href);
    }
    throw new Error('the provider redirected too many times');
  }

  /** Opens the authorization URL and reaches the provider's sign-in page; returns its form's address. */
  async open(authorizationUrl: string): Promise<string> {
    const { page } = await this.follow(await this.request(authorizationUrl));
    if (page?.status !== 200) throw new Error(`no sign-in page: ${page?.status}`);
    return page.url;
  }

  private async submit(interaction: string, action: 'login' | 'cancel', form: Record<string, string>) {
    const response = await this.request(`${interaction}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return this.follow(response);
  }

  /** Signs in on the provider's page; the URL it sends the browser back to, or the page when it refused. */
  signIn(interaction: string, email: string, password: string) {
    return this.submit(interaction, 'login', { email, password });
  }

  cancel(interaction: string) {
    return this.submit(interaction, 'cancel', {});
  }

  /**
   * Opens the provider's sign-out address and answers its page: "Sign out" ends the provider's session, "Stay
   * signed in" only the app's part of it. Either way, the URL it sends the browser back to.
   */
  async signOut(signOutUrl: string, answer: 'Sign out' | 'Stay signed in' = 'Sign out') {
    const { page } = await this.follow(await this.request(signOutUrl));
    const html = page?.status === 200 ? await page.text() : '';
    const action = /<form id="op\.logoutForm" method="post" action="([^"]+)">/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf) throw new Error(`no sign-out page: ${page?.status}`);
    const form = new URLSearchParams({ xsrf, ...(answer === 'Sign out' && { logout: 'yes' }) });
    const response = await this.request(new URL(action, this.issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    return this.follow(response);
  }
}
