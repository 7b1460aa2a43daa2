import { problem } from '@/server/http';
import { readStateScreen } from '@/server/stateScreens';

/** A state's latest screen from the QA run, for the statechart page. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const screen = readStateScreen((await params).file);
  if (!screen) return problem(404, 'NO_SUCH_SCREEN', 'No screen of that name was kept by a QA run.');
  return new Response(new Uint8Array(screen), {
    headers: { 'content-type': 'image/jpeg', 'cache-control': 'no-cache' },
  });
}
