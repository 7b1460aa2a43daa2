import { journeyPaths, pathSetFrom } from '@/paths/sets';
import { inShardOrder } from '@/paths/shards';
import { pathTest as test } from './fixtures';
import { declarePathTests } from './pathTests';

const pathSet = pathSetFrom(process.env.PATHS);

/** One test per generated path, in an order that balances shards by steps. */
test.describe(`journey paths (${pathSet})`, () => {
  declarePathTests(inShardOrder(journeyPaths(pathSet)));
});
