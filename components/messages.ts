import {
  NEW_PASSWORD_MIN_LENGTH,
  type NoticeCode,
  type NotificationChoice,
  type ProblemCode,
  RESET_LINK_TTL_MINUTES,
  type SignInMethods,
} from '@/machines/journeyTypes';

/** Every message the journey shows, in one place, keyed by the machine's stable codes. */
export const problemMessages: Record<ProblemCode, string> = {
  invalidEmail: 'Enter your email address or User Principal Name, like name@company.com.',
  invalidAccountNumber: 'Enter the account number from your welcome email: 4 to 12 digits.',
  accountNumberMismatch: "That account number doesn't match your email. Check your welcome email.",
  passwordRequired: 'Enter your password.',
  passwordTooShort: `Choose a password of at least ${NEW_PASSWORD_MIN_LENGTH} characters.`,
  passwordsDiffer: "The two passwords don't match. Type the same password twice.",
  passwordTooCommon: 'That password is one of the most common ones, and easy to guess. Choose another.',
  resetLinkInvalid:
    'This link has expired, has already been used, or is not a valid reset link. Ask for a new one.',
  invalidCredentials: 'The email or password is incorrect.',
  lockedOut: 'Too many failed sign-ins for this email. Try again later.',
  rateLimited: 'Too many attempts from your network. Wait a minute and try again.',
  unavailable: "We couldn't reach the server. Check your connection and try again.",
  signOutFailed: "We couldn't sign you out. Try again.",
  ssoFailed: "We couldn't sign you in with Single Sign-On. Contact your IT administrator.",
};

export const noticeMessages: Record<NoticeCode, string> = {
  signedOut: 'You have signed out.',
  sessionExpired: 'Your session has expired. Sign in again to continue.',
  licenceDeclined: 'You have signed out: the licence agreement must be accepted to use the app.',
  passwordChanged:
    'Your password was changed, and you were signed out everywhere. Sign in with your new password.',
  providerSignOutFailed:
    'You have signed out of the app, but your identity provider did not confirm that it signed you out too. Close the browser to be sure nobody else can sign in as you.',
};

const turnOnLater = "To turn them on, allow notifications for this site in your browser's settings.";

/** What the home says of notifications, after this browser answered (SPEC step 8: how to turn them on later). */
export const notificationStatusMessages: Record<NotificationChoice, string> = {
  granted: 'Notifications are on: calls and messages are announced as they arrive.',
  denied: `Notifications are blocked in this browser. ${turnOnLater}`,
  dismissed: `Notifications are off. ${turnOnLater}`,
  notNow: `Notifications are off. ${turnOnLater}`,
};

/** The method step's heading says what the account offers. */
export function methodHeadingFor(methods: SignInMethods): string {
  if (methods.sso && methods.password) return 'Choose how to sign in';
  return methods.sso ? 'Sign in with Single Sign-On' : 'Enter your password';
}

/** What a reset request always answers, known email or not (SPEC step 10). */
export const resetRequestedMessage = `If an account exists for that email, we have sent a link to reset your password. It works once, for ${RESET_LINK_TTL_MINUTES} minutes.`;
