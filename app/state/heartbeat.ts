export const HEARTBEAT_MS = 1000;
/**
 * Silence this long means the worker died or is stuck. A step of a huge model on the CPU backend
 * can take this long too, so the page says so and offers a restart rather than forcing one.
 */
export const SILENCE_MS = 4000;

export interface HeartbeatEvents {
  /** Asks for a sign of life. */
  ping(): void;
  silent(): void;
  /** A sign of life after a silence. */
  answering(): void;
}

/**
 * Every message counts as a sign of life; a ping asks for one. Silence is timed from the first
 * unanswered ping, not from the last message: timers of a background tab fire once a minute.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** When the worker was first asked for a sign of life and has not given one since. */
  private unansweredSince: number | null = null;
  private silent = false;

  constructor(private readonly events: HeartbeatEvents) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unansweredSince = null;
    this.silent = false;
  }

  heard(): void {
    this.unansweredSince = null;
    if (!this.silent) return;
    this.silent = false;
    this.events.answering();
  }

  private beat(): void {
    const now = performance.now();
    this.unansweredSince ??= now;
    if (!this.silent && now - this.unansweredSince > SILENCE_MS) {
      this.silent = true;
      this.events.silent();
    }
    this.events.ping();
  }
}
