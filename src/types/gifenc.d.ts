/** Types for the parts of gifenc (MIT, CommonJS) that sltk uses. */
declare module "gifenc" {
  export interface GifEncoder {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      opts?: { palette?: number[][]; delay?: number; repeat?: number; transparent?: boolean },
    ): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  const gifenc: { GIFEncoder: (opts?: { initialCapacity?: number; auto?: boolean }) => GifEncoder };
  export default gifenc;
}
