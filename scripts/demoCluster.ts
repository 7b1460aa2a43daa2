// npm run start:cluster: the demo identity provider, the demo mailbox and the app as a cluster (scripts/cluster.ts).
import './idp';
import './mailbox';
import './cluster';
