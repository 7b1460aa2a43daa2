/**
 * Runs once when a server process starts: the schema is brought up to date before any request. A setting that
 * cannot be used (a DATABASE_URL that does not parse or does not answer) stops the start with its one line.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const { prepareServer } = await import('./server/startup');
    await prepareServer();
  } catch (error) {
    if ((error as Error).name !== 'SettingError') throw error;
    console.error((error as Error).message);
    process.exit(1);
  }
}
