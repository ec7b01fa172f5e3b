/** Samples the process's resident set size (which includes DuckDB's native memory) every few ms. */
export class RssSampler {
  private samples: { t: number; rss: number }[] = [];
  private timer?: NodeJS.Timeout;

  start(everyMs = 25): void {
    const take = () => this.samples.push({ t: performance.now(), rss: process.memoryUsage.rss() });
    take();
    this.timer = setInterval(take, everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.samples.push({ t: performance.now(), rss: process.memoryUsage.rss() });
  }

  /** Peak RSS in bytes between two performance.now() times (the whole run when omitted). */
  peak(from = -Infinity, to = Infinity): number {
    let max = 0;
    for (const s of this.samples) if (s.t >= from && s.t <= to && s.rss > max) max = s.rss;
    return max;
  }
}
