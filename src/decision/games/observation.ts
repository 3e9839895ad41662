/**
 * Observation encodings. An observation is a boolean grid [10, 10, C] stored one byte per boolean
 * (`(y * 10 + x) * C + c`). For storage it is bit-packed (bit i of the flat index in byte i >> 3, least
 * significant bit first); for a model shared by all games it is unpacked into a channel-padded grid [10, 10, P]
 * (P = 10 by default, the channel count of Seaquest), the game's channels first and zeros after.
 */
import { InputError } from "../../util/errors.js";
import { CELLS, MAX_CHANNELS } from "./game.js";

/** Bytes of one bit-packed observation with C channels. */
export function packedSize(channels: number): number {
  return (CELLS * channels + 7) >> 3;
}

/** Packs `nBits` bytes (0/1) from `src[srcOff..]` into bits at `dst[dstOff..]`; returns bytes written. */
export function packBits(
  src: Uint8Array,
  srcOff: number,
  nBits: number,
  dst: Uint8Array,
  dstOff: number,
): number {
  const full = nBits >> 3;
  let j = srcOff;
  for (let i = 0; i < full; i++, j += 8) {
    dst[dstOff + i] =
      (src[j] & 1) |
      ((src[j + 1] & 1) << 1) |
      ((src[j + 2] & 1) << 2) |
      ((src[j + 3] & 1) << 3) |
      ((src[j + 4] & 1) << 4) |
      ((src[j + 5] & 1) << 5) |
      ((src[j + 6] & 1) << 6) |
      ((src[j + 7] & 1) << 7);
  }
  const rest = nBits & 7;
  if (rest > 0) {
    let b = 0;
    for (let k = 0; k < rest; k++) b |= (src[j + k] & 1) << k;
    dst[dstOff + full] = b;
    return full + 1;
  }
  return full;
}

/** Unpacks `nBits` bits from `src[srcOff..]` into bytes (0/1) at `dst[dstOff..]`. */
export function unpackBits(
  src: Uint8Array,
  srcOff: number,
  nBits: number,
  dst: Uint8Array,
  dstOff: number,
): void {
  for (let i = 0; i < nBits; i++) dst[dstOff + i] = (src[srcOff + (i >> 3)] >> (i & 7)) & 1;
}

/** Packs one observation of a game with `channels` channels; allocates the output unless given. */
export function packObservation(obs: Uint8Array, channels: number, out?: Uint8Array): Uint8Array {
  const o = out ?? new Uint8Array(packedSize(channels));
  packBits(obs, 0, CELLS * channels, o, 0);
  return o;
}

/** Unpacks one bit-packed observation into bytes [10, 10, C]. */
export function unpackObservation(packed: Uint8Array, channels: number, out?: Uint8Array): Uint8Array {
  const o = out ?? new Uint8Array(CELLS * channels);
  unpackBits(packed, 0, CELLS * channels, o, 0);
  return o;
}

/**
 * Unpacks a bit-packed observation with `channels` channels into a channel-padded grid [10, 10, padTo] at
 * `dst[dstOff..]` (bytes or floats): channel c of the game goes to channel c, channels past C are zero.
 */
export function unpackPadded(
  src: Uint8Array,
  srcOff: number,
  channels: number,
  dst: Uint8Array | Float32Array,
  dstOff: number,
  padTo = MAX_CHANNELS,
): void {
  if (channels > padTo) throw new InputError(`cannot pad ${channels} channels to ${padTo}`);
  let bit = 0;
  for (let cell = 0; cell < CELLS; cell++) {
    const base = dstOff + cell * padTo;
    for (let c = 0; c < channels; c++, bit++) dst[base + c] = (src[srcOff + (bit >> 3)] >> (bit & 7)) & 1;
    for (let c = channels; c < padTo; c++) dst[base + c] = 0;
  }
}

/** Pads an unpacked observation [10, 10, C] to [10, 10, padTo] (zeros after the game's channels). */
export function padChannels(
  obs: Uint8Array,
  channels: number,
  padTo = MAX_CHANNELS,
  out?: Uint8Array,
): Uint8Array {
  if (channels > padTo) throw new InputError(`cannot pad ${channels} channels to ${padTo}`);
  const o = out ?? new Uint8Array(CELLS * padTo);
  for (let cell = 0; cell < CELLS; cell++) {
    for (let c = 0; c < channels; c++) o[cell * padTo + c] = obs[cell * channels + c];
    for (let c = channels; c < padTo; c++) o[cell * padTo + c] = 0;
  }
  return o;
}
