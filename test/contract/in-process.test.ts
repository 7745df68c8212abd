import type { EventName } from '../../main/contract/index';
import { createBackend } from '../../main/handlers/index';
import { defineContractSuite } from './suite';

defineContractSuite('the in-process backend', async (options) => {
  const backend = await createBackend(options);
  return {
    invoke: (channel, args) => backend.dispatch(channel, args),
    on: (event, listener) =>
      backend.subscribe((name, payload) => {
        if ((name as EventName) === event) listener(payload as Parameters<typeof listener>[0]);
      }),
    fetchMedia: (id, headers = {}) =>
      backend.media(id, new Request(`http://offstream.invalid/media/${id}`, { headers })),
    close: () => backend.close(),
  };
});
