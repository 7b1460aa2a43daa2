/**
 * Runs once when a server process starts: the schema is brought up to date before any request, or a setting that
 * cannot be used stops the start with its one line (server/processStart.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareOrExit } = await import('./server/processStart');
  await prepareOrExit();
}
