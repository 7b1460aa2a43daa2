// npm start: the demo identity provider, the demo mailbox and the app, side by side in one process.
import './idp';
import './mailbox';
import './serve';
