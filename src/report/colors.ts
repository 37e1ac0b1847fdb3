import { hcl, lab, schemeTableau10 } from 'd3';

/**
 * The single theme → colour mapping used by every chart and by the HTML table swatches,
 * so "theme 3" is the same colour everywhere in a report.
 *
 * Tableau 10 comes first because it was designed to stay distinguishable for the common
 * forms of colour-vision deficiency. Each further colour is the candidate farthest (in
 * CIELAB, ΔE76) from every colour already given, so the palette stays as distinguishable
 * as it can for 30+ themes; candidates are mid-lightness colours of an HCL grid, none
 * near white (contrast with white at least MIN_CONTRAST_WITH_WHITE), so no theme fades
 * into the page. Past the candidates a golden-angle walk round the hue circle goes on.
 * Deterministic, and prefix-stable: theme i keeps its colour as k grows.
 */
export function themeColors(themeCount: number): string[] {
  if (!Number.isInteger(themeCount) || themeCount < 0) {
    throw new RangeError(`themeColors: themeCount must be a non-negative integer, got ${themeCount}`);
  }
  const base = PALETTE;
  return Array.from({ length: themeCount }, (_, i) =>
    i < base.length ? base[i] : goldenAngleColor(i - base.length),
  );
}

/** WCAG contrast ratio of a colour against white, at least this: no near-white theme. */
export const MIN_CONTRAST_WITH_WHITE = 1.6;

/** How many colours the farthest-point palette holds before the golden-angle walk. */
const PALETTE_SIZE = 60;

type Lab = readonly [number, number, number];

/** Tableau 10, then greedy farthest-point picks from the candidate grid. */
function farthestPointPalette(): string[] {
  const labOf = (c: string): Lab => { const l = lab(c); return [l.l, l.a, l.b]; };
  const chosen = [...schemeTableau10];
  const candidates = candidateColors();
  const candidateLab = candidates.map(labOf);
  const nearest = candidateLab.map((c) => Math.min(...chosen.map((p) => distance(c, labOf(p)))));
  while (chosen.length < PALETTE_SIZE) {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (nearest[i] > nearest[best]) best = i;
    chosen.push(candidates[best]);
    const at = candidateLab[best];
    candidateLab.forEach((c, i) => (nearest[i] = Math.min(nearest[i], distance(c, at))));
  }
  return chosen;
}

/** Computed once, at load: a constant of the module. */
const PALETTE: readonly string[] = farthestPointPalette();

/** Displayable colours on an HCL grid (hue every 10°, three chromas and lightnesses), not near white. */
function candidateColors(): string[] {
  const out: string[] = [];
  for (const luminance of [40, 55, 70]) {
    for (const chroma of [35, 55, 75]) {
      for (let hue = 0; hue < 360; hue += 10) {
        const colour = hcl(hue, chroma, luminance);
        if (!colour.displayable()) continue;
        const hex = colour.formatHex();
        if (contrastWithWhite(hex) >= MIN_CONTRAST_WITH_WHITE) out.push(hex);
      }
    }
  }
  return out;
}

function distance(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** WCAG 2 contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

/** Hue steps of ~137.5° never revisit a hue; fixed chroma and luminance keep contrast even. */
function goldenAngleColor(n: number): string {
  const hue = (n * 137.50776405003785 + 15) % 360;
  const luminance = n % 2 === 0 ? 55 : 42;
  return hcl(hue, 45, luminance).formatHex();
}
