import type { JourneyEvent, NotificationChoice, ProblemCode, SessionView } from '@/machines/journeyTypes';
import { AccountMenu } from './AccountMenu';
import { InstallApp } from './InstallApp';
import { notificationStatusMessages } from './messages';
import { BrandMark } from './ui/BrandMark';
import { Problem } from './ui/Problem';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';

const inboxSections = [
  { key: 'missedCalls', title: 'Missed calls', icon: '☎' },
  { key: 'unreadMessages', title: 'Unread messages', icon: '✉' },
  { key: 'meetingInvitations', title: 'Meeting invitations', icon: '▦' },
] as const;

/** signedIn.home (menu open or closed) and signedIn.signingOut. */
export function Home({
  productName,
  session,
  notifications,
  menuOpen,
  signingOut,
  problem,
  send,
}: {
  productName: string;
  session: SessionView;
  /** This browser's answer to notifications; null where it was never asked (a session kept from before). */
  notifications: NotificationChoice | null;
  menuOpen: boolean;
  signingOut: boolean;
  problem: ProblemCode | null;
  send: (event: JourneyEvent) => void;
}) {
  const firstName = session.user.name.split(/\s+/)[0] || session.user.name;
  return (
    <div className="app">
      <header className="topbar">
        <BrandMark productName={productName} />
        <InstallApp productName={productName} />
        <AccountMenu session={session} open={menuOpen} busy={signingOut} send={send} />
      </header>
      <main className="home">
        <StepHeading>Welcome back, {firstName}</StepHeading>
        <p className="busy" role="status">
          {signingOut && (
            <>
              <Spinner /> Signing out…
            </>
          )}
        </p>
        <Problem code={problem} />
        <p className="lead">While you were away:</p>
        <div className="inbox">
          {inboxSections.map(({ key, title, icon }) => (
            <section key={key} className="inbox-card" aria-labelledby={`inbox-${key}`}>
              <span className="inbox-icon" aria-hidden="true">
                {icon}
              </span>
              <h2 id={`inbox-${key}`}>{title}</h2>
              <p className="inbox-count">{session.inbox[key]}</p>
            </section>
          ))}
        </div>
        {notifications && <p className="notifications-status">{notificationStatusMessages[notifications]}</p>}
      </main>
    </div>
  );
}
