/** Helpers for the avatars tests: synthetic images, EXIF-tagged JPEGs, screenshots. */
import { encodeJpeg, type RgbImage } from "../../src/avatars/image.js";

/** A solid-colour image with an optional coloured rectangle. */
export function solid(
  width: number,
  height: number,
  rgb: [number, number, number],
  rect?: { x: number; y: number; w: number; h: number; rgb: [number, number, number] },
): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inRect = rect && x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
      data.set(inRect ? rect.rgb : rgb, (y * width + x) * 3);
    }
  return { width, height, data };
}

/** Rotates an image 90 degrees counter-clockwise (what a camera stores for EXIF orientation 6). */
export function rotateCcw(img: RgbImage): RgbImage {
  const w = img.height;
  const h = img.width;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Destination (x, y) shows source pixel (W-1-y, x).
      const sx = img.width - 1 - y;
      const sy = x;
      data.set(img.data.subarray((sy * img.width + sx) * 3, (sy * img.width + sx) * 3 + 3), (y * w + x) * 3);
    }
  return { width: w, height: h, data };
}

/** A JPEG of `img` with an EXIF APP1 segment holding the orientation tag. */
export function jpegWithOrientation(img: RgbImage, orientation: number, quality = 92): Uint8Array {
  const jpeg = encodeJpeg(img, quality);
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian TIFF header, IFD0 at offset 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT, 1 value
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  const len = payload.length + 2;
  const app1 = [0xff, 0xe1, (len >> 8) & 0xff, len & 0xff, ...payload];
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

/** Mean colour of a rectangle. */
export function meanRgb(img: RgbImage, x0: number, y0: number, w: number, h: number): number[] {
  const s = [0, 0, 0];
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++)
      for (let c = 0; c < 3; c++) s[c] += img.data[(y * img.width + x) * 3 + c];
  return s.map((v) => v / (w * h));
}
