// The due times a worker has heard of and not reached yet, with one timer for the earliest: when
// it fires, every time reached is handed over at once.
export class DueTimes {
  private readonly times: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number,
    /** Called with how many of the times were reached. */
    private readonly reached: (count: number) => void,
  ) {}

  add(dueAt: number): void {
    // Kept sorted: the earliest first (binary insertion; a backlog holds thousands).
    let [low, high] = [0, this.times.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[middle] as number) <= dueAt) low = middle + 1;
      else high = middle;
    }
    this.times.splice(low, 0, dueAt);
    if (low === 0) this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.times.length = 0;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const first = this.times[0];
    if (first === undefined) return;
    // setTimeout's longest delay is 2^31 - 1 ms; a later time is looked at again then.
    const delay = Math.min(Math.max(0, first - this.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    const now = this.now();
    let count = 0;
    while (count < this.times.length && (this.times[count] as number) <= now) count++;
    this.times.splice(0, count);
    this.arm();
    if (count > 0) this.reached(count);
  }
}
