/**
 * The browser window the generated paths run in, and so the shape of each state's screen on the statechart page
 * (its picture, at an eighth). The sign-in card fits it with room around it (the licence's card, the tallest, is
 * 664 px high) and the home shows its three counts in a row. A wider window adds only backdrop, which Chromium draws
 * and pictures again at every step: about 7 % off the first twentieth of `full` against 1280 × 720, 49.6 → 46.0 s
 * (docs/benchmarks.md).
 */
export const pathWindow = { width: 800, height: 720 } as const;
