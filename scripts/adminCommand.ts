// How every administrator's command runs: its flags first, then the database, then one line saying what happened.

/**
 * Parses the flags (a bad one exits 2, its message carrying the usage), migrates the database, and prints what
 * `run` did; a refusal (no such user, a name taken, an issuer that is not https) is thrown and exits 1 with its
 * reason. `run` imports the server's modules itself, after the flags parse, so a typo never opens the database.
 */
export async function runAdminCommand<Command>(
  parse: () => Command,
  run: (command: Command) => Promise<string>,
): Promise<never> {
  let command: Command;
  try {
    command = parse();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  try {
    const { migrate } = await import('@/server/migrations');
    await migrate();
    console.log(await run(command));
  } catch (error) {
    const { unusableDatabase } = await import('@/server/database').catch(() => ({
      unusableDatabase: () => null,
    }));
    console.error((unusableDatabase(error) ?? (error as Error)).message);
    process.exit(1);
  }
  process.exit(0);
}
