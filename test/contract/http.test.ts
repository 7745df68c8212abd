import { openHttpClient, serveBackend } from '../web/http-contract';
import { defineContractSuite } from './suite';

defineContractSuite('HTTP (browser mode)', async (options) => {
  const { backend, server } = await serveBackend(options);
  return openHttpClient(server, async () => {
    await server.close();
    await backend.close();
  });
});
