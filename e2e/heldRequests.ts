import type { Page, Route } from '@playwright/test';

/**
 * Holds the journey's calls to the server until the path says how each one ends, so every waiting state
 * can be seen and checked. `answer` lets the real server answer; `failNetwork` makes the browser's request
 * fail as a dropped connection would: the one stand-in here, for a network that cannot be broken for real.
 */
export class HeldRequests {
  private readonly held: Route[] = [];
  private givenUpCount = 0;
  private readonly waiting: Array<(route: Route) => void> = [];

  private constructor(
    private readonly page: Page,
    private readonly urlPattern: RegExp,
  ) {}

  static async on(page: Page, urlPattern: RegExp): Promise<HeldRequests> {
    const requests = new HeldRequests(page, urlPattern);
    await page.route(urlPattern, (route) => requests.hold(route));
    // A call the page gave up (the machine left the state that made it, or the page itself was left) is no
    // longer the server's to answer; it is counted, for the path to say how many it expected.
    page.on('requestfailed', (request) => {
      const index = requests.held.findIndex((route) => route.request() === request);
      if (index === -1) return;
      requests.held.splice(index, 1);
      requests.givenUpCount += 1;
    });
    return requests;
  }

  /** From now on the page talks to the server freely. */
  async stopHolding(): Promise<void> {
    await this.page.unroute(this.urlPattern);
  }

  private hold(route: Route) {
    const waiter = this.waiting.shift();
    if (waiter) waiter(route);
    else this.held.push(route);
  }

  private next(timeoutMs = 10_000): Promise<Route> {
    const route = this.held.shift();
    if (route) return Promise.resolve(route);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the page made no request to the server')), timeoutMs);
      this.waiting.push((arrived) => {
        clearTimeout(timer);
        resolve(arrived);
      });
    });
  }

  async answer(): Promise<void> {
    await (await this.next()).continue();
  }

  /** Lets the request through with its JSON body changed on the way, as a tampering proxy would. */
  async answerChanged(change: (body: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const route = await this.next();
    const body = route.request().postDataJSON() as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify(change(body)) });
  }

  async failNetwork(): Promise<void> {
    await (await this.next()).abort('connectionfailed');
  }

  /** Held requests the page itself gave up before any step answered them. */
  get givenUp(): number {
    return this.givenUpCount;
  }

  /** Requests the page made that no step let through: a path that ends with one left has missed a step. */
  get pending(): number {
    return this.held.length;
  }
}
