import { z } from 'zod';
import { isJourneyTransition, TRAFFIC_BATCH_MAX } from '@/machines/traffic';
import {
  answer,
  problem,
  problems,
  readJsonBody,
  refuseForeignOrigin,
  whileDatabaseAnswers,
} from '@/server/http';
import { takeRateLimit } from '@/server/rateLimit';
import { recordTraffic, visitOf } from '@/server/traffic';

const trafficBatchSchema = z.strictObject({
  transitions: z
    .array(z.string().max(200).refine(isJourneyTransition, 'not a transition of the journey'))
    .min(1)
    .max(TRAFFIC_BATCH_MAX),
});

// A full batch of the longest ids fits, with room for the machine to grow.
const BATCH_BYTES = 16 * 1024;

/**
 * Counts the journey's transitions a browser took, for the statechart page's traffic: ids of the machine's own
 * transitions only, per day, with nothing that names a person. Limited per visit (a cookie of its own), and per
 * client address: batches, and the opening of visits; a refused batch counts nowhere.
 */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const body = await readJsonBody(request, trafficBatchSchema, { maxBytes: BATCH_BYTES });
  if (!body.ok) return body.response;
  // Every batch within the address's limit before anything is recorded; opening visits within a tighter one.
  const visit = visitOf(request.headers);
  const waitSeconds =
    (await takeRateLimit('trafficBatch', request.headers)) ??
    (visit === null ? await takeRateLimit('trafficVisit', request.headers) : null);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const recorded = await recordTraffic(visit, body.value.transitions);
  if (recorded.ok) return answer({ recorded: recorded.recorded }, 202, recorded.cookies);
  if (recorded.refusal === 'visitLimit')
    return problem(429, 'VISIT_LIMIT', 'This visit has reported all the transitions it may.');
  const message = 'This batch does not come from a visit this server opened.';
  return answer({ error: { code: 'UNKNOWN_VISIT', message } }, 403, recorded.cookies);
});
