// Runs the demo mailbox: an SMTP server on loopback that keeps each mail and shows it here, links and all.
import { startMailCapture } from '@/mailbox/mailCapture';
import { mailboxSettings } from '@/mailbox/settings';

await startMailCapture({
  ...mailboxSettings,
  onMail: ({ to, subject, text }) => {
    const links = [...text.matchAll(/https?:\/\/\S+/g)].map((match) => `    ${match[0]}`);
    console.log(`\n✉  Mail to ${to.join(', ')}: ${subject}${links.length ? `\n${links.join('\n')}` : ''}\n`);
  },
});
console.log(
  `Demo mailbox (SMTP) at 127.0.0.1:${mailboxSettings.port}: mails are kept in ${mailboxSettings.dir}`,
);
