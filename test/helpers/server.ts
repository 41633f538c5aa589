export { startServerProcess as startServer } from '../../scripts/server-process';
