/**
 * Original sltk artwork (MIT, like the code): moustaches in the face drawing's 980 x 980 coordinates, and sticker
 * props (hands, hearts, tears, sweat, sparkles, "Zzz", question and exclamation marks, steam, confetti, party hat,
 * motion lines) and captions in the 512 x 512 sticker canvas. Each function returns an SVG fragment.
 */

const OUTLINE = "#1b1b1b";

/** Escapes text for SVG. */
export function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** A moustache drawn over the Lorelei face (which looks three-quarters right; the mouth sits near x 500-650, y 600). */
export function moustacheSvg(kind: string, colour: string): string {
  const paths: Record<string, string> = {
    walrus:
      "M498 600 C506 572 540 560 566 566 C580 569 588 574 594 580 C602 570 620 562 640 566 C660 570 668 588 664 604 C650 596 636 592 620 596 C608 599 600 603 592 604 C578 600 560 596 540 598 C524 600 510 604 498 600 Z",
    pencil:
      "M512 596 C540 584 570 582 592 588 C612 582 636 584 652 594 C632 596 612 596 592 596 C568 598 540 600 512 596 Z",
    handlebar:
      "M470 566 C470 590 488 604 512 600 C540 594 566 578 592 582 C616 578 640 590 660 600 C680 606 696 594 694 572 C690 590 676 594 662 588 C640 572 614 566 592 572 C566 564 536 574 512 586 C494 594 478 586 470 566 Z",
  };
  const d = paths[kind];
  if (!d) return "";
  return `<path d="${d}" fill="${colour}" stroke="${OUTLINE}" stroke-width="6" stroke-linejoin="round"/>`;
}

/** A heart centred at (x, y) with half-width s. */
export function heart(x: number, y: number, s: number, colour = "#e8344e", rotate = 0): string {
  return `<path transform="translate(${x} ${y}) rotate(${rotate}) scale(${s})" d="M0 0.8 C-0.9 0.15 -1.05 -0.55 -0.55 -0.8 C-0.25 -0.95 -0.05 -0.75 0 -0.5 C0.05 -0.75 0.25 -0.95 0.55 -0.8 C1.05 -0.55 0.9 0.15 0 0.8 Z" fill="${colour}" stroke="${OUTLINE}" stroke-width="${4 / s}"/>`;
}

/** A water drop (tear or sweat) with its tip up, centred at (x, y), height 2s. */
export function drop(x: number, y: number, s: number, colour = "#6ec6ff", rotate = 0): string {
  return `<path transform="translate(${x} ${y}) rotate(${rotate}) scale(${s})" d="M0 -1 C0.35 -0.45 0.65 -0.05 0.65 0.3 C0.65 0.7 0.35 0.95 0 0.95 C-0.35 0.95 -0.65 0.7 -0.65 0.3 C-0.65 -0.05 -0.35 -0.45 0 -1 Z" fill="${colour}" stroke="${OUTLINE}" stroke-width="${3.5 / s}"/>`;
}

/** A four-pointed sparkle. */
export function sparkle(x: number, y: number, s: number, colour = "#ffd23f"): string {
  return `<path transform="translate(${x} ${y}) scale(${s})" d="M0 -1 C0.1 -0.25 0.25 -0.1 1 0 C0.25 0.1 0.1 0.25 0 1 C-0.1 0.25 -0.25 0.1 -1 0 C-0.25 -0.1 -0.1 -0.25 0 -1 Z" fill="${colour}" stroke="${OUTLINE}" stroke-width="${3 / s}"/>`;
}

/** An open hand (waving), palm towards the viewer, in the given skin colour. */
export function hand(x: number, y: number, s: number, skin: string, rotate = 0): string {
  const finger = (dx: number, len: number, ang: number) =>
    `<rect x="${dx - 0.13}" y="${-0.35 - len}" width="0.26" height="${len + 0.3}" rx="0.13" transform="rotate(${ang} ${dx} -0.2)"/>`;
  return `<g transform="translate(${x} ${y}) rotate(${rotate}) scale(${s})" fill="${skin}" stroke="${OUTLINE}" stroke-width="${4 / s}" stroke-linejoin="round">
${finger(-0.42, 0.55, -12)}${finger(-0.14, 0.7, -4)}${finger(0.14, 0.68, 4)}${finger(0.42, 0.52, 12)}
<rect x="-0.78" y="-0.05" width="0.3" height="0.62" rx="0.15" transform="rotate(-40 -0.6 0.3)"/>
<rect x="-0.58" y="-0.3" width="1.16" height="1.05" rx="0.42"/>
<rect x="-0.3" y="0.6" width="0.6" height="0.45" rx="0.1"/></g>`;
}

/** A thumbs-up fist. */
export function thumbsUp(x: number, y: number, s: number, skin: string): string {
  return `<g transform="translate(${x} ${y}) scale(${s})" fill="${skin}" stroke="${OUTLINE}" stroke-width="${4 / s}" stroke-linejoin="round">
<rect x="-0.18" y="-1.05" width="0.36" height="0.8" rx="0.18" transform="rotate(-8 0 -0.3)"/>
<rect x="-0.55" y="-0.4" width="1.1" height="0.95" rx="0.28"/>
<path d="M-0.55 -0.1 H0.5 M-0.55 0.15 H0.5 M-0.55 0.38 H0.45" fill="none"/>
<rect x="-0.45" y="0.5" width="0.9" height="0.5" rx="0.08" fill="#5a8dee"/></g>`;
}

/** "Zzz" letters rising to the right. */
export function zzz(x: number, y: number, s: number): string {
  return [0, 1, 2]
    .map(
      (k) =>
        `<text x="${x + k * 28 * s}" y="${y - k * 34 * s}" font-size="${(30 + k * 12) * s}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" fill="#5a6bd6" stroke="#ffffff" stroke-width="${5 * s}" paint-order="stroke">Z</text>`,
    )
    .join("");
}

/** A big punctuation mark (question or exclamation). */
export function mark(ch: "?" | "!", x: number, y: number, size: number, colour: string, rotate = 0): string {
  return `<text transform="translate(${x} ${y}) rotate(${rotate})" font-size="${size}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" fill="${colour}" stroke="${OUTLINE}" stroke-width="5" paint-order="stroke" text-anchor="middle">${ch}</text>`;
}

/** Three puffs of steam (anger). */
export function steam(x: number, y: number, s: number): string {
  const puff = (dx: number, dy: number, r: number) =>
    `<circle cx="${dx}" cy="${dy}" r="${r}" fill="#eeeeee" stroke="${OUTLINE}" stroke-width="${3.5 / s}"/>`;
  return `<g transform="translate(${x} ${y}) scale(${s})">${puff(0, 0, 0.45)}${puff(0.5, -0.2, 0.38)}${puff(0.25, -0.6, 0.32)}</g>`;
}

/** Confetti scattered over a box, placed deterministically from `seed`. */
export function confetti(x0: number, y0: number, w: number, h: number, count: number, seed = 7): string {
  const colours = ["#ff5c5c", "#ffd23f", "#3bceac", "#5a8dee", "#c86dd7"];
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  let out = "";
  for (let k = 0; k < count; k++) {
    const x = x0 + rnd() * w;
    const y = y0 + rnd() * h;
    out += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="14" height="7" rx="2" fill="${colours[k % colours.length]}" transform="rotate(${Math.round(rnd() * 180)} ${x.toFixed(1)} ${y.toFixed(1)})"/>`;
  }
  return out;
}

/** A striped party hat with a pompom; (x, y) is the middle of its brim. */
export function partyHat(x: number, y: number, s: number, rotate = 0): string {
  return `<g transform="translate(${x} ${y}) rotate(${rotate}) scale(${s})" stroke="${OUTLINE}" stroke-width="${4 / s}" stroke-linejoin="round">
<path d="M-0.55 0 L0 -1.3 L0.55 0 Z" fill="#5a8dee"/>
<path d="M-0.33 -0.5 L0.33 -0.5 M-0.16 -0.9 L0.16 -0.9" stroke="#ffd23f" stroke-width="${9 / s}"/>
<circle cx="0" cy="-1.35" r="0.16" fill="#ff5c5c"/></g>`;
}

/** Horizontal speed lines (motion). */
export function speedLines(x: number, y: number, len: number, gap: number, n: number): string {
  let out = "";
  for (let k = 0; k < n; k++)
    out += `<path d="M${x} ${y + k * gap} h${len * (k % 2 ? 0.7 : 1)}" stroke="${OUTLINE}" stroke-width="7" stroke-linecap="round"/>`;
  return out;
}

/** Short radiating lines around a point (surprise, joy). */
export function burstLines(x: number, y: number, r0: number, r1: number, angles: number[]): string {
  return angles
    .map((a) => {
      const t = (a * Math.PI) / 180;
      return `<path d="M${(x + r0 * Math.cos(t)).toFixed(1)} ${(y + r0 * Math.sin(t)).toFixed(1)} L${(x + r1 * Math.cos(t)).toFixed(1)} ${(y + r1 * Math.sin(t)).toFixed(1)}" stroke="${OUTLINE}" stroke-width="7" stroke-linecap="round"/>`;
    })
    .join("");
}

/** A caption in bold lettering with a white outline, centred at (x, y), shrunk to fit `maxWidth`. */
export function caption(text: string, x: number, y: number, maxWidth: number, colour = "#1b1b1b"): string {
  const size = Math.min(64, Math.floor((maxWidth / Math.max(1, text.length)) * 1.7));
  return `<text x="${x}" y="${y}" font-size="${size}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" text-anchor="middle" fill="${colour}" stroke="#ffffff" stroke-width="${Math.max(8, size / 5)}" stroke-linejoin="round" paint-order="stroke">${xmlEscape(text)}</text>`;
}
