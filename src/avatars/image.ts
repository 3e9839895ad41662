/**
 * Image input: PNG/JPEG decoding (pure JS: pngjs, jpeg-js), EXIF orientation (exifr), size checks and resizing.
 * Images are held as packed 8-bit RGB ({@link RgbImage}); alpha is composited over white.
 */
import { readFileSync, statSync } from "node:fs";
import exifr from "exifr";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { InputError } from "../util/errors.js";

/** A packed 8-bit RGB image, row-major, 3 bytes per pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The smallest side (pixels) an input photo may have: smaller faces cannot be analysed. */
export const MIN_IMAGE_SIDE = 64;
/** The largest number of pixels accepted (a guard against decompression bombs). */
export const MAX_IMAGE_PIXELS = 60_000_000;

/** Creates a blank image filled with one colour. */
export function blankImage(
  width: number,
  height: number,
  rgb: [number, number, number] = [255, 255, 255],
): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
  }
  return { width, height, data };
}

/** A deep copy of an image. */
export function cloneImage(img: RgbImage): RgbImage {
  return { width: img.width, height: img.height, data: img.data.slice() };
}

/** The kind of an encoded image from its first bytes, or null when it is neither PNG nor JPEG. */
export function sniffFormat(bytes: Uint8Array): "png" | "jpeg" | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}

function rgbaToRgb(rgba: Uint8Array, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    const a = rgba[i + 3] / 255;
    data[j] = Math.round(rgba[i] * a + 255 * (1 - a));
    data[j + 1] = Math.round(rgba[i + 1] * a + 255 * (1 - a));
    data[j + 2] = Math.round(rgba[i + 2] * a + 255 * (1 - a));
  }
  return { width, height, data };
}

function decodePixels(bytes: Uint8Array, where: string): RgbImage {
  const format = sniffFormat(bytes);
  if (!format) throw new InputError("not a PNG or JPEG image (unrecognised file signature)", where);
  if (format === "png") {
    let png: PNG;
    try {
      png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw new InputError(`corrupt PNG image (${String((e as Error).message).split("\n")[0]})`, where);
    }
    if (png.width * png.height > MAX_IMAGE_PIXELS)
      throw new InputError(
        `image too large (${png.width}x${png.height}); at most ${MAX_IMAGE_PIXELS} pixels`,
        where,
      );
    return rgbaToRgb(new Uint8Array(png.data), png.width, png.height);
  }
  let raw: { width: number; height: number; data: Uint8Array };
  try {
    raw = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      maxMemoryUsageInMB: 1024,
    });
  } catch (e) {
    throw new InputError(`corrupt JPEG image (${String((e as Error).message ?? e).split("\n")[0]})`, where);
  }
  if (!(raw.width > 0 && raw.height > 0)) throw new InputError("corrupt JPEG image (no pixels)", where);
  return rgbaToRgb(raw.data, raw.width, raw.height);
}

/**
 * Applies an EXIF orientation (1-8) so that the image is upright as a viewer shows it.
 * 2/4 mirror, 3 rotates 180 degrees, 6 rotates 90 degrees clockwise, 8 counter-clockwise, 5/7 transpose/transverse.
 */
export function applyOrientation(img: RgbImage, orientation: number): RgbImage {
  if (!(orientation >= 2 && orientation <= 8)) return img;
  const { width: W, height: H } = img;
  const swap = orientation >= 5;
  const w = swap ? H : W;
  const h = swap ? W : H;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          sx = W - 1 - x;
          sy = y;
          break;
        case 3:
          sx = W - 1 - x;
          sy = H - 1 - y;
          break;
        case 4:
          sx = x;
          sy = H - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = H - 1 - x;
          break;
        case 7:
          sx = W - 1 - y;
          sy = H - 1 - x;
          break;
        default:
          sx = W - 1 - y;
          sy = x;
      }
      const s = (sy * W + sx) * 3;
      const d = (y * w + x) * 3;
      out[d] = img.data[s];
      out[d + 1] = img.data[s + 1];
      out[d + 2] = img.data[s + 2];
    }
  }
  return { width: w, height: h, data: out };
}

/** Reads the EXIF orientation tag of a JPEG (1 when absent or unreadable). */
export async function exifOrientation(bytes: Uint8Array): Promise<number> {
  if (sniffFormat(bytes) !== "jpeg") return 1;
  try {
    const o = await exifr.orientation(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return typeof o === "number" && o >= 1 && o <= 8 ? o : 1;
  } catch {
    return 1;
  }
}

/** Decodes PNG or JPEG bytes into an upright RGB image (EXIF orientation applied). `where` names the source. */
export async function decodeImage(
  bytes: Uint8Array,
  where = "image",
): Promise<{ image: RgbImage; orientation: number }> {
  if (bytes.length === 0) throw new InputError("empty file, not an image", where);
  const pixels = decodePixels(bytes, where);
  const orientation = await exifOrientation(bytes);
  const image = applyOrientation(pixels, orientation);
  if (Math.min(image.width, image.height) < MIN_IMAGE_SIDE)
    throw new InputError(
      `image too small (${image.width}x${image.height}); need at least ${MIN_IMAGE_SIDE} px on each side`,
      where,
    );
  return { image, orientation };
}

/** Reads and decodes an image file (PNG/JPEG), failing with a one-line {@link InputError} that names the file. */
export async function readImage(path: string): Promise<{ image: RgbImage; orientation: number }> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new InputError("no such file", path);
  }
  if (st.isDirectory()) throw new InputError("is a folder, expected an image file", path);
  return decodeImage(new Uint8Array(readFileSync(path)), path);
}

/** Encodes an RGB image as PNG bytes. */
export function encodePng(img: RgbImage): Uint8Array {
  const png = new PNG({ width: img.width, height: img.height });
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    png.data[j] = img.data[i];
    png.data[j + 1] = img.data[i + 1];
    png.data[j + 2] = img.data[i + 2];
    png.data[j + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** Encodes an RGB image as JPEG bytes (quality 0-100). */
export function encodeJpeg(img: RgbImage, quality = 90): Uint8Array {
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i];
    rgba[j + 1] = img.data[i + 1];
    rgba[j + 2] = img.data[i + 2];
    rgba[j + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: img.width, height: img.height, data: rgba }, quality).data);
}

/** Bilinear sample of channel values at a real-valued position (clamped to the border). */
export function sampleBilinear(img: RgbImage, x: number, y: number, out: number[] = [0, 0, 0]): number[] {
  const { width: W, height: H, data } = img;
  const fx = Math.min(Math.max(x, 0), W - 1);
  const fy = Math.min(Math.max(y, 0), H - 1);
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(x0 + 1, W - 1);
  const y1 = Math.min(y0 + 1, H - 1);
  const ax = fx - x0;
  const ay = fy - y0;
  for (let c = 0; c < 3; c++) {
    const a = data[(y0 * W + x0) * 3 + c];
    const b = data[(y0 * W + x1) * 3 + c];
    const d = data[(y1 * W + x0) * 3 + c];
    const e = data[(y1 * W + x1) * 3 + c];
    out[c] = (a * (1 - ax) + b * ax) * (1 - ay) + (d * (1 - ax) + e * ax) * ay;
  }
  return out;
}

/** Resizes so that the longer side is at most `maxSide` (area averaging); returns the image and the scale used. */
export function limitSize(img: RgbImage, maxSide: number): { image: RgbImage; scale: number } {
  const long = Math.max(img.width, img.height);
  if (long <= maxSide) return { image: img, scale: 1 };
  const scale = maxSide / long;
  return {
    image: resize(
      img,
      Math.max(1, Math.round(img.width * scale)),
      Math.max(1, Math.round(img.height * scale)),
    ),
    scale,
  };
}

/** Resizes an image to `w` x `h` (box filter when shrinking, bilinear when growing). */
export function resize(img: RgbImage, w: number, h: number): RgbImage {
  const out = new Uint8Array(w * h * 3);
  const sx = img.width / w;
  const sy = img.height / h;
  const px = [0, 0, 0];
  if (sx <= 1 && sy <= 1) {
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        sampleBilinear(img, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, px);
        const d = (y * w + x) * 3;
        out[d] = px[0];
        out[d + 1] = px[1];
        out[d + 2] = px[2];
      }
    return { width: w, height: h, data: out };
  }
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = y0; yy < Math.min(y1, img.height); yy++)
        for (let xx = x0; xx < Math.min(x1, img.width); xx++) {
          const s = (yy * img.width + xx) * 3;
          r += img.data[s];
          g += img.data[s + 1];
          b += img.data[s + 2];
          n++;
        }
      const d = (y * w + x) * 3;
      out[d] = Math.round(r / n);
      out[d + 1] = Math.round(g / n);
      out[d + 2] = Math.round(b / n);
    }
  }
  return { width: w, height: h, data: out };
}
