import { startEmulator } from '../../main/core/emulator/index';
import { answerSteering } from '../../main/core/emulator/steering';

// The journey's emulator as its own process: the test stops it to take "the network" away for real.
const preparationMs = Number(process.argv[2] ?? '200');
await answerSteering(await startEmulator({ preparationMs }));
