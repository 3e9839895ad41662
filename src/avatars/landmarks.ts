/**
 * Face-mesh topology (MediaPipe 468-point mesh + 10 iris points, as returned by @vladmandic/human) and a
 * face-aligned coordinate frame: origin between the iris centres, x along the eye line, unit = inter-ocular
 * distance (IOD). Regions outside the mesh (hair, sides of the head) are defined in this frame so that they
 * follow the face's position, size and roll.
 */
import type { DetectedFace } from "./face-model.js";

/** Mesh indices of named landmark groups. "Right"/"left" follow human's naming (right = image left for a frontal face). */
export const MESH = {
  silhouette: [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
    149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
  ],
  lipsUpperOuter: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291],
  lipsLowerOuter: [146, 91, 181, 84, 17, 314, 405, 321, 375, 291],
  rightEyeUpper0: [246, 161, 160, 159, 158, 157, 173],
  rightEyeLower0: [33, 7, 163, 144, 145, 153, 154, 155, 133],
  leftEyeUpper0: [466, 388, 387, 386, 385, 384, 398],
  leftEyeLower0: [263, 249, 390, 373, 374, 380, 381, 382, 362],
  rightEyebrowUpper: [156, 70, 63, 105, 66, 107, 55, 193],
  leftEyebrowUpper: [383, 300, 293, 334, 296, 336, 285, 417],
  rightEyeIris: [473, 474, 475, 476, 477],
  leftEyeIris: [468, 469, 470, 471, 472],
  rightCheek: [205],
  leftCheek: [425],
  noseBottom: [2],
  noseRightCorner: [98],
  noseLeftCorner: [327],
} as const;

/** Single mesh points used for geometry. */
export const POINT = {
  foreheadTop: 10,
  forehead: 151,
  chin: 152,
  cheekRight: 234,
  cheekLeft: 454,
  jawRight: 172,
  jawLeft: 397,
  templeRight: 54,
  templeLeft: 284,
  upperLipTop: 0,
  lowerLipBottom: 17,
  mouthRight: 61,
  mouthLeft: 291,
  noseTip: 1,
} as const;

/** A 2-D point. */
export type Pt = [number, number];

/** The points of a landmark group, 2-D. */
export function group(face: DetectedFace, name: keyof typeof MESH): Pt[] {
  return MESH[name].map((i) => [face.mesh[i][0], face.mesh[i][1]] as Pt);
}

/** One mesh point, 2-D. */
export function pt(face: DetectedFace, index: number): Pt {
  return [face.mesh[index][0], face.mesh[index][1]];
}

/** Mean of points. */
export function centroid(points: readonly Pt[]): Pt {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

/** Euclidean distance between two points (2-D or 3-D). */
export function dist(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** Iris centre and radius (pixels) of one eye. */
export function iris(face: DetectedFace, side: "right" | "left"): { centre: Pt; radius: number } {
  const idx = side === "right" ? MESH.rightEyeIris : MESH.leftEyeIris;
  const centre = pt(face, idx[0]);
  let r = 0;
  for (let k = 1; k < 5; k++) r += dist(centre, pt(face, idx[k]));
  return { centre, radius: r / 4 };
}

/** A face-aligned frame: `toImage(u, v)` maps frame coordinates (IOD units) to image pixels. */
export interface FaceFrame {
  origin: Pt;
  /** Inter-ocular distance in pixels (iris centre to iris centre). */
  iod: number;
  /** Unit vector along the eye line (image-left eye to image-right eye). */
  ex: Pt;
  /** Unit vector perpendicular to the eye line, pointing down the face. */
  ey: Pt;
  toImage(u: number, v: number): Pt;
  toFrame(x: number, y: number): Pt;
}

/** Builds the face-aligned frame of a detected face. */
export function faceFrame(face: DetectedFace): FaceFrame {
  const a = iris(face, "right").centre;
  const b = iris(face, "left").centre;
  const [l, r] = a[0] <= b[0] ? [a, b] : [b, a];
  const iod = Math.max(1, dist(l, r));
  const ex: Pt = [(r[0] - l[0]) / iod, (r[1] - l[1]) / iod];
  const ey: Pt = [-ex[1], ex[0]];
  const origin: Pt = [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
  return {
    origin,
    iod,
    ex,
    ey,
    toImage: (u, v) => [origin[0] + iod * (u * ex[0] + v * ey[0]), origin[1] + iod * (u * ex[1] + v * ey[1])],
    toFrame: (x, y) => {
      const dx = x - origin[0];
      const dy = y - origin[1];
      return [(dx * ex[0] + dy * ex[1]) / iod, (dx * ey[0] + dy * ey[1]) / iod];
    },
  };
}

/** Image-space polygon of a frame-space rectangle `[u0, u1] x [v0, v1]`. */
export function frameRect(frame: FaceFrame, u0: number, v0: number, u1: number, v1: number): Pt[] {
  return [frame.toImage(u0, v0), frame.toImage(u1, v0), frame.toImage(u1, v1), frame.toImage(u0, v1)];
}

/** The eye opening (between the eyelids) of one eye as a polygon. */
export function eyeOpening(face: DetectedFace, side: "right" | "left"): Pt[] {
  const up = side === "right" ? group(face, "rightEyeUpper0") : group(face, "leftEyeUpper0");
  const low = side === "right" ? group(face, "rightEyeLower0") : group(face, "leftEyeLower0");
  return [...low, ...up.reverse()];
}

/** The outer lips as a polygon. */
export function lipsPolygon(face: DetectedFace): Pt[] {
  return [...group(face, "lipsUpperOuter"), ...group(face, "lipsLowerOuter").reverse()];
}

/** The face outline as a polygon. */
export function silhouettePolygon(face: DetectedFace): Pt[] {
  return group(face, "silhouette");
}

/** The area between the nose and the upper lip (where a moustache grows). */
export function moustachePolygon(face: DetectedFace): Pt[] {
  const upper = group(face, "lipsUpperOuter");
  return [
    pt(face, MESH.noseRightCorner[0]),
    pt(face, MESH.noseBottom[0]),
    pt(face, MESH.noseLeftCorner[0]),
    ...upper.reverse(),
  ];
}

/** The chin and jaw below the mouth (where a beard grows): lower lip, then the jaw line. */
export function beardPolygon(face: DetectedFace): Pt[] {
  const lower = group(face, "lipsLowerOuter");
  const jaw = [288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58].map((i) =>
    pt(face, i),
  );
  return [pt(face, POINT.mouthRight), ...lower, ...jaw];
}
