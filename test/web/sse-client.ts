export interface SseMessage {
  event: string;
  data: string;
  id: string;
}

/**
 * A text/event-stream reader over fetch (Node 20 has no EventSource): parses fields as the
 * HTML spec says, keeps the last event id, and tells when a given id has been seen.
 */
export class SseClient {
  lastId = 0;
  comments = 0;
  private readonly listeners = new Set<(message: SseMessage) => void>();
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  private ended = false;
  private frames = 0;

  private constructor(private readonly body: ReadableStream<Uint8Array>) {}

  /** Connects and resolves once the server's first frame (its id line) has arrived. */
  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200 || !response.body) {
      throw new Error(`events answered ${response.status}`);
    }
    const client = new SseClient(response.body);
    client.abort.signal.addEventListener('abort', () => controller.abort());
    const first = client.next(() => true);
    void client.read();
    await first;
    return client;
  }

  onMessage(listener: (message: SseMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once a frame with an id at least `id` has been handled. */
  reached(id: number): Promise<void> {
    return this.next(() => this.lastId >= id);
  }

  get closed(): boolean {
    return this.ended;
  }

  close(): void {
    this.abort.abort();
  }

  private next(done: () => boolean): Promise<void> {
    if (this.frames > 0 && done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.frames === 0 || !done()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private async read(): Promise<void> {
    const lines = this.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    let frame: Partial<SseMessage> & { data?: string } = {};
    try {
      for (;;) {
        const { value, done } = await lines.read();
        if (done) break;
        pending += value;
        const parts = pending.split(/\r\n|\r|\n/);
        pending = parts.pop() ?? '';
        for (const line of parts) frame = this.field(line, frame);
      }
    } catch {
      // Aborted by close() or the server went away: either way the stream is over.
    } finally {
      this.ended = true;
    }
  }

  private field(line: string, frame: Partial<SseMessage>): Partial<SseMessage> {
    if (line === '') {
      this.dispatch(frame);
      return {};
    }
    if (line.startsWith(':')) {
      this.comments += 1;
      return frame;
    }
    const at = line.indexOf(':');
    const name = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (name === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    else if (name === 'event') frame.event = value;
    else if (name === 'id') frame.id = value;
    return frame;
  }

  private dispatch(frame: Partial<SseMessage>): void {
    if (frame.id !== undefined) this.lastId = Number(frame.id);
    this.frames += 1;
    if (frame.data !== undefined) {
      const message = { event: frame.event ?? 'message', data: frame.data, id: frame.id ?? '' };
      for (const listener of this.listeners) listener(message);
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
