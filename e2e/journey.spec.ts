import { test } from './fixtures';
import { journeyPaths, pathSetFrom } from './paths';
import { walkPath } from './walkPath';

const pathSet = pathSetFrom(process.env.PATHS);

/** One test per generated path, titled by its steps. */
test.describe(`journey paths (${pathSet})`, () => {
  for (const path of journeyPaths(pathSet)) {
    test(path.title, async ({ page, context, emails, accountNumbers, server, mail, checkAccessibility }) => {
      await walkPath(path, { page, context, emails, accountNumbers, server, mail }, checkAccessibility);
    });
  }
});
