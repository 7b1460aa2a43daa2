/** Runs once when a server process starts: the schema is brought up to date before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServer } = await import('./server/startup');
  await prepareServer();
}
