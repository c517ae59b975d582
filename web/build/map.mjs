// Builds the public page's map of Maryland's counties as an inline SVG fragment.
//
// Input: the U.S. Census Bureau's cartographic boundary county shapes (1:10,000,000), as the
// npm package `us-atlas` ships them in TopoJSON. Output: web/map/maryland.svg, one <path> per
// county (and Baltimore City) carrying its FIPS code, its name and the juris jurisdiction id.
// The output is committed so that building the Rust crates needs no Node.js; `.ci/run` rebuilds
// it and fails when the committed file is stale.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { feature } from "topojson-client";
import { geoConicConformal, geoPath } from "d3-geo";

const here = dirname(fileURLToPath(import.meta.url));
const atlas = JSON.parse(readFileSync(join(here, "../node_modules/us-atlas/counties-10m.json"), "utf8"));
const MARYLAND = "24";
const WIDTH = 960;
const HEIGHT = 500;

// The juris id of a Maryland county: `us-md-` and the name in lower case, apostrophes and
// periods dropped, spaces as hyphens. Baltimore County and Baltimore City share a name in the
// Census file, so the city (FIPS 24510) is `baltimore-city` and the county `baltimore-county`.
function jurisdiction(fips, name) {
  if (fips === "24510") return "us-md-baltimore-city";
  if (fips === "24005") return "us-md-baltimore-county";
  return "us-md-" + name.toLowerCase().replace(/['.]/g, "").replace(/\s+/g, "-");
}

const counties = feature(atlas, atlas.objects.counties).features
  .filter((f) => String(f.id).startsWith(MARYLAND))
  .sort((a, b) => String(a.id).localeCompare(String(b.id)));
if (counties.length !== 24) {
  throw new Error(`expected Maryland's 23 counties and Baltimore City, found ${counties.length}`);
}

// Maryland's state plane projection (NAD83 / Maryland, EPSG:26985) is a Lambert conformal conic
// with standard parallels 38°18' and 39°27' and central meridian 77°W.
const projection = geoConicConformal()
  .parallels([38.3, 39.45])
  .rotate([77, 0])
  .fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], { type: "FeatureCollection", features: counties });
const path = geoPath(projection).digits(1);

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const lines = counties.map((f) => {
  const fips = String(f.id);
  const name = f.properties.name;
  const id = jurisdiction(fips, name);
  const [x, y] = path.centroid(f).map((v) => Math.round(v * 10) / 10);
  return `<path data-fips="${fips}" data-jurisdiction="${id}" data-name="${escape(name)}" data-cx="${x}" data-cy="${y}" d="${path(f)}"/>`;
});

const svg = [
  `<!-- Maryland's counties and Baltimore City: U.S. Census Bureau cartographic boundary files (1:10,000,000) via the us-atlas package ${atlas.__version ?? "3.0.1"}; built by web/build/map.mjs -->`,
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
  ...lines,
  `</svg>`,
  ``,
].join("\n");
writeFileSync(join(here, "../map/maryland.svg"), svg);
console.log(`wrote web/map/maryland.svg: ${counties.length} shapes, ${svg.length} bytes`);
