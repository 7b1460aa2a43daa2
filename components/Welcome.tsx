import type { JourneyEvent, NoticeCode } from '@/machines/journeyTypes';
import { noticeMessages } from './messages';
import { AuthCard } from './ui/AuthCard';
import { StepHeading } from './ui/StepHeading';

/** signedOut.welcome */
export function Welcome({
  productName,
  notice,
  send,
}: {
  productName: string;
  notice: NoticeCode | null;
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      {notice && (
        <p className="notice" role="status">
          {noticeMessages[notice]}
        </p>
      )}
      <StepHeading>Welcome to {productName}</StepHeading>
      <p className="lead">Calls, messages and meetings for your whole team, in one place.</p>
      <button type="button" className="primary" onClick={() => send({ type: 'SIGN_IN' })}>
        SIGN IN
      </button>
    </AuthCard>
  );
}
