import { SignInJourney } from '@/components/SignInJourney';
import { RESET_TOKEN_FORMAT } from '@/machines/journeyTypes';
import { config } from '@/server/config';
import { LICENCE_VERSION } from '@/server/licence';

// Every link is its own: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

/** The reset page, opened from the mail's link: the journey starts by checking the link's token. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  // A token the server could not have made is no token: the server then says the link does not work.
  const resetToken = typeof token === 'string' && RESET_TOKEN_FORMAT.test(token) ? token : '';
  return (
    <SignInJourney
      productName={config.productName}
      licenceVersion={LICENCE_VERSION}
      resetToken={resetToken}
    />
  );
}
