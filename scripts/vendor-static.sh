#!/usr/bin/env bash
# Refreshes the vendored front-end assets from the npm registry and records version and licence.
# Nothing is loaded from a CDN at run time: the CSP allows only this origin.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE="@utrecht/component-library-css"
VERSION="${1:-$(npm view "$PACKAGE" version)}"
DEST=static/vendor/utrecht-component-library-css
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null && tar xzf ./*.tgz)
mkdir -p "$DEST"
cp "$tmp/package/dist/index.css" "$DEST/index.css"
cp "$tmp/package/LICENSE.md" "$DEST/LICENSE.md"
LICENSE=$(node -p "require('$tmp/package/package.json').license")
# GOV.UK's accessible autocomplete: the gemeente type-ahead (issue 14), pinned.
AA_VERSION=3.0.1
AA_DEST=static/vendor/accessible-autocomplete
(cd "$tmp" && rm -rf package && npm pack --silent "accessible-autocomplete@$AA_VERSION" >/dev/null \
  && tar xzf accessible-autocomplete-*.tgz)
mkdir -p "$AA_DEST"
cp "$tmp/package/dist/accessible-autocomplete.min.js" "$tmp/package/dist/accessible-autocomplete.min.css" \
  "$tmp/package/LICENSE.txt" "$AA_DEST/"
cat > static/vendor/VENDORED.md <<MD
# Vendored front-end assets

Refreshed with \`make vendor-static\` (scripts/vendor-static.sh). Served by this application only.

| asset | package | version | licence | path |
|---|---|---|---|---|
| NL Design System components (Utrecht) | $PACKAGE | $VERSION | $LICENSE | $DEST/index.css |
| Accessible autocomplete (GOV.UK), type-ahead over the gemeente select | accessible-autocomplete | $AA_VERSION | MIT | static/vendor/accessible-autocomplete/ |
| htmx 2 | django-htmx (PyPI, bundled copy) | see requirements/constraints.txt | BSD-2-Clause (htmx: 0BSD) | served from django_htmx/htmx-2.min.js |

The visual theme (design tokens) is the project's own: static/css/thema.css.
MD
echo "Vendored $PACKAGE@$VERSION"
