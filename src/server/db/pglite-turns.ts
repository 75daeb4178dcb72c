/**
 * Whose protocol message PGlite's one session runs next. pglite-socket (0.2.x) serves many
 * connections on that session one message at a time, FIFO, and keeps a connection's turn while it
 * is inside a transaction. That is not enough: `pg` sends a query with parameters as Parse, Bind,
 * Describe, Execute, Sync, one message each, and another connection's BEGIN processed between this
 * connection's Bind and Execute starts a transaction that keeps the turn; its own queries replace
 * the session's unnamed statement and portal; this connection's Execute then fails ("portal \"\"
 * cannot be run") or runs the other's statement. Seen with a sync's autocommit UPDATE racing an
 * upsert's transaction (test/node/embedded-turns.test.mjs).
 *
 * So a connection also keeps its turn from its first extended-query message to its Sync. Otherwise
 * this is pglite-socket's own queue, which embedded.ts puts in place of the server's before any
 * connection is made (each connection's handler takes the server's queue when it connects).
 */

/** What we use of PGlite. */
export interface PGliteSession {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// Parse, Bind, Describe, Execute, Close, Flush: a batch goes on until Sync ('S').
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

export class PGliteTurns {
  readonly #db: PGliteSession;
  #queue: Pending[] = [];
  #processing = false;
  #holder: number | null = null;
  #midBatch = false;

  constructor(db: PGliteSession) {
    this.#db = db;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message, onData, resolve, reject });
      void this.#process();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  /** A connection closed: its queued messages fail, and a batch it left open no longer holds the turn. */
  clearQueueForHandler(handlerId: number): void {
    this.#queue = this.#queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('Handler disconnected'));
      return false;
    });
    if (this.#holder === handlerId) this.#midBatch = false;
  }

  /** A connection closed inside a transaction: roll it back so the others can go on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#holder !== handlerId) return;
    this.#midBatch = false;
    if (this.#db.isInTransaction()) {
      await this.#db.exec('ROLLBACK');
      this.#holder = null;
    }
    await this.#process();
  }

  #next(): Pending | undefined {
    if (this.#holder !== null && (this.#midBatch || this.#db.isInTransaction())) {
      const i = this.#queue.findIndex((p) => p.handlerId === this.#holder);
      // The holder's next message has not arrived yet: wait for it (its enqueue runs this again).
      return i < 0 ? undefined : this.#queue.splice(i, 1)[0];
    }
    return this.#queue.shift();
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (let item = this.#next(); item; item = this.#next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.#db.runExclusive(() =>
            this.#db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          current.reject(error);
          continue;
        }
        this.#holder = current.handlerId;
        this.#midBatch = EXTENDED.has(current.message[0]);
        current.resolve(bytes);
      }
    } finally {
      this.#processing = false;
    }
  }
}
