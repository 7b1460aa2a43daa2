import type { CDPSession, Page } from '@playwright/test';

/** A request Chromium holds for the test, as the DevTools protocol's Fetch domain describes it. */
type Paused = {
  requestId: string;
  request: { url: string; method: string; postData?: string; postDataEntries?: { bytes?: string }[] };
};

/**
 * Holds the journey's calls to the server until the path says how each one ends, so every waiting state
 * can be seen and checked. `answer` lets the real server answer; `failNetwork` makes the browser's request
 * fail as a dropped connection would: the one stand-in here, for a network that cannot be broken for real.
 *
 * Chromium holds them itself (the DevTools protocol's Fetch domain, asked for the API's addresses only) rather
 * than through Playwright's page.route, which holds every request and turns the browser's cache off: each page
 * load then fetched and compiled all of the app's scripts again, the largest cost of a generated step.
 */
export class HeldRequests {
  private readonly held: Paused[] = [];
  private givenUpCount = 0;
  private readonly waiting: Array<(paused: Paused) => void> = [];
  private holding = true;

  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
    private readonly urlPattern: RegExp,
  ) {}

  static async on(page: Page, urlPattern: RegExp): Promise<HeldRequests> {
    const session = await page.context().newCDPSession(page);
    const requests = new HeldRequests(page, session, urlPattern);
    session.on('Fetch.requestPaused', (paused: Paused) => requests.paused(paused));
    page.on('requestfailed', requests.onRequestFailed);
    await session.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/*', requestStage: 'Request' }] });
    return requests;
  }

  /**
   * A call the page gave up (the machine left the state that made it, or the page itself was left) is no longer
   * the server's to answer; it is counted, for the path to say how many it expected. The oldest held call to the
   * same address is the one: a page gives up what it asked before it asks again.
   */
  private readonly onRequestFailed = (request: { url(): string; method(): string }) => {
    const index = this.held.findIndex(
      ({ request: held }) => held.url === request.url() && held.method === request.method(),
    );
    if (index === -1) return;
    this.held.splice(index, 1);
    this.givenUpCount += 1;
  };

  private paused(paused: Paused) {
    if (!this.holding || !this.urlPattern.test(new URL(paused.request.url).pathname)) {
      this.session.send('Fetch.continueRequest', { requestId: paused.requestId }).catch(() => {});
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(paused);
    else this.held.push(paused);
  }

  /** From now on the page talks to the server freely. */
  async stopHolding(): Promise<void> {
    this.holding = false;
    await this.session.send('Fetch.disable');
  }

  /**
   * Ends the holding for good, as closing the page would: calls still held are dropped, never let through to the
   * server after the test.
   */
  async dispose(): Promise<void> {
    this.holding = false;
    this.page.off('requestfailed', this.onRequestFailed);
    for (const { requestId } of this.held.splice(0))
      await this.session.send('Fetch.failRequest', { requestId, errorReason: 'Aborted' }).catch(() => {});
    await this.session.detach().catch(() => {});
  }

  private next(timeoutMs = 10_000): Promise<Paused> {
    const paused = this.held.shift();
    if (paused) return Promise.resolve(paused);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the page made no request to the server')), timeoutMs);
      this.waiting.push((arrived) => {
        clearTimeout(timer);
        resolve(arrived);
      });
    });
  }

  async answer(): Promise<void> {
    const { requestId } = await this.next();
    await this.session.send('Fetch.continueRequest', { requestId });
  }

  /** Lets the request through with its JSON body changed on the way, as a tampering proxy would. */
  async answerChanged(change: (body: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const { requestId, request } = await this.next();
    const sent =
      request.postData ??
      (request.postDataEntries ?? [])
        .map(({ bytes }) => Buffer.from(bytes ?? '', 'base64').toString())
        .join('');
    const changed = JSON.stringify(change(JSON.parse(sent) as Record<string, unknown>));
    await this.session.send('Fetch.continueRequest', {
      requestId,
      postData: Buffer.from(changed).toString('base64'),
    });
  }

  async failNetwork(): Promise<void> {
    const { requestId } = await this.next();
    await this.session.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionFailed' });
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
