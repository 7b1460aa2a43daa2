// npm start: the demo identity provider and the app, side by side in one process, each on its own port.
import './idp';
import './serve';
