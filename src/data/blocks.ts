/** A FIFO of multi-channel samples that hands out fixed-size blocks (for streaming readers). */

/** Collects channel pieces of any length and gives them back in blocks of a chosen length. */
export class BlockQueue {
  private pieces: Float32Array[][] = [];
  /** Frames waiting. */
  length = 0;

  /** Appends one piece per channel (all of the same length). */
  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    if (!n) return;
    if (!this.pieces.length) this.pieces = channels.map(() => []);
    channels.forEach((x, c) => {
      this.pieces[c].push(x);
    });
    this.length += n;
  }

  /** Removes and returns the first `n` frames (n <= length), one array per channel. */
  take(n: number): Float32Array[] {
    const out = this.pieces.map(() => new Float32Array(n));
    this.pieces.forEach((list, c) => {
      let o = 0;
      const rest: Float32Array[] = [];
      for (const piece of list) {
        const m = Math.min(piece.length, n - o);
        if (m > 0) out[c].set(piece.subarray(0, m), o);
        o += m;
        if (m < piece.length) rest.push(piece.subarray(m));
      }
      this.pieces[c] = rest;
    });
    this.length -= n;
    return out;
  }
}
