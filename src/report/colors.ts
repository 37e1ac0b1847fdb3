import { hcl, schemePaired, schemeTableau10 } from 'd3';

/**
 * The single theme → colour mapping used by every chart and by the HTML table swatches,
 * so "theme 3" is the same colour everywhere in a report.
 *
 * Tableau 10 comes first because it was designed to stay distinguishable for the common
 * forms of colour-vision deficiency. Runs with more themes continue with ColorBrewer
 * "Paired", saturated half first (it reads better on a white page), then its light half.
 * Past those 22 a deterministic golden-angle walk round the HCL hue circle keeps adding
 * distinct, equally-bright colours instead of silently repeating one.
 */
export function themeColors(themeCount: number): string[] {
  if (!Number.isInteger(themeCount) || themeCount < 0) {
    throw new RangeError(`themeColors: themeCount must be a non-negative integer, got ${themeCount}`);
  }
  const base = [...schemeTableau10, ...pairedDarkFirst()];
  return Array.from({ length: themeCount }, (_, i) =>
    i < base.length ? base[i] : goldenAngleColor(i - base.length),
  );
}

/** Paired lists (light, dark) pairs; the dark members are the more legible ones. */
function pairedDarkFirst(): string[] {
  const dark = schemePaired.filter((_, i) => i % 2 === 1);
  const light = schemePaired.filter((_, i) => i % 2 === 0);
  return [...dark, ...light];
}

/** Hue steps of ~137.5° never revisit a hue; fixed chroma and luminance keep contrast even. */
function goldenAngleColor(n: number): string {
  const hue = (n * 137.50776405003785 + 15) % 360;
  const luminance = n % 2 === 0 ? 55 : 42;
  return hcl(hue, 45, luminance).formatHex();
}
