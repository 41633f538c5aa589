import { startServerProcess } from '../../scripts/server-process';

export { startServerProcess as startServer };

/** Stops server processes as systemd would (SIGTERM), each once it has exited. */
export async function stopServers(servers: readonly Awaited<ReturnType<typeof startServerProcess>>[]) {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
