#!/usr/bin/env bash
# Re-vendor the dashboard's browser assets from npm into src/accord/api/static/vendor/.
#
# Pinned versions; only the dist files the dashboard loads are copied. Records version, licence
# and sha256 of every file in VENDORED.md. Run by hand when upgrading (needs npm + the registry);
# nothing is fetched at run time.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$HERE/src/accord/api/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# package@version  file-in-package  destination-name
FILES=(
  "vega@6.4.0 build/vega.min.js vega.min.js"
  "vega@6.4.0 LICENSE vega.LICENSE"
  "vega-lite@6.5.0 build/vega-lite.min.js vega-lite.min.js"
  "vega-lite@6.5.0 LICENSE vega-lite.LICENSE"
  "vega-embed@7.3.0 build/vega-embed.min.js vega-embed.min.js"
  "vega-embed@7.3.0 LICENSE vega-embed.LICENSE"
  "world-atlas@2.0.2 countries-110m.json countries-110m.json"
  "world-atlas@2.0.2 LICENSE world-atlas.LICENSE"
  "swagger-ui-dist@5.35.0 swagger-ui-bundle.js swagger-ui-bundle.js"
  "swagger-ui-dist@5.35.0 swagger-ui.css swagger-ui.css"
  "swagger-ui-dist@5.35.0 LICENSE swagger-ui.LICENSE"
  "swagger-ui-dist@5.35.0 NOTICE swagger-ui.NOTICE"
)

mkdir -p "$DEST"
declare -A UNPACKED=()
for line in "${FILES[@]}"; do
  read -r spec _ _ <<<"$line"
  if [[ -z "${UNPACKED[$spec]:-}" ]]; then
    dir="$WORK/${spec//[@\/]/_}"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
    UNPACKED[$spec]="$dir/package"
  fi
done

{
  echo "# Vendored browser assets"
  echo
  echo "Fetched from the npm registry by \`scripts/vendor_assets.sh\` (npm pack, pinned versions); served"
  echo "from the package so the dashboard and /docs work offline. Do not edit these files by hand."
  echo
  echo "| file | package | version | licence | sha256 |"
  echo "|---|---|---|---|---|"
  for line in "${FILES[@]}"; do
    read -r spec src name <<<"$line"
    pkg="${spec%@*}"; ver="${spec##*@}"
    cp "${UNPACKED[$spec]}/$src" "$DEST/$name"
    lic="$(node -e "console.log(require('${UNPACKED[$spec]}/package.json').license)")"
    sum="$(sha256sum "$DEST/$name" | cut -d' ' -f1)"
    echo "| $name | $pkg ($src) | $ver | $lic | \`$sum\` |"
  done
  echo
  echo "world-atlas derives from Natural Earth (public domain). Swagger UI: Apache-2.0 (see swagger-ui.NOTICE)."
} > "$DEST/VENDORED.md"
echo "vendored into $DEST"
