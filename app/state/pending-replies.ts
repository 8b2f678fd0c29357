/** Requests waiting for their answers, matched by the id each request was sent with. */
export class PendingReplies<T> {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>();

  /** `send` posts the request with its id; it may throw, and the request then fails with that error. */
  request(send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        send(id);
      } catch (error) {
        this.fail(id, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** An answer to a request nobody waits for any more (the page started over) is dropped. */
  answer(id: number, value: T): void {
    this.waiting.get(id)?.resolve(value);
    this.waiting.delete(id);
  }

  fail(id: number, error: Error): void {
    this.waiting.get(id)?.reject(error);
    this.waiting.delete(id);
  }

  /** The one who would have answered is gone: nobody waits forever. */
  abandon(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
