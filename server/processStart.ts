import 'server-only';

/**
 * Prepares the server (server/startup.ts) as its process starts, or stops the process with the one line of a
 * setting that cannot be used (a BASE_URL or DATABASE_URL that does not parse, a database that does not answer).
 * Its own module, reached only in Node: the Edge runtime has no `process.exit`, and the bundler warned of it in
 * instrumentation.ts.
 */
export async function prepareOrExit(): Promise<void> {
  try {
    const { prepareServer } = await import('./startup');
    await prepareServer();
  } catch (error) {
    if ((error as Error).name !== 'SettingError') throw error;
    console.error((error as Error).message);
    process.exit(1);
  }
}
