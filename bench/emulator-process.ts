import { startEmulator } from '../main/core/emulator/index';
import { answerSteering } from '../main/core/emulator/steering';

// The transfer bench's emulator in its own process, so its byte generation does not share the
// bench's event loop: no sample library, a short preparation time.
await answerSteering(await startEmulator({ preparationMs: 50, samples: false }));
