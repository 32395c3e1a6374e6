// A figure's SVG rasterised to PNG by resvg (a Rust SVG renderer, prebuilt for Node): no browser
// and no native build step, and it reads the same system fonts the SVG names. Twice the SVG's
// size, so the PNG stays sharp in a paper or a slide.
import { Resvg } from "@resvg/resvg-js";

export function figurePng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
  });
  return resvg.render().asPng();
}
