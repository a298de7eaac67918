"""Fetch the JavaScript and CSS that ``telex serve`` ships, from the npm registry, pinned and checked.

    python scripts/vendor_web_assets.py          # writes src/telex/web/static/vendor/

The web pages must work offline, so their libraries are files inside the package, not CDN links.
This script is how those files were made: for each pinned package it runs ``npm pack NAME@VERSION``,
checks the tarball against the pinned SHA-512 (npm's ``integrity``), and copies the built files and
the licence. vega-interpreter is published as an ES module importing vega-util; it is rewritten
into a classic script that takes those functions from the ``vega`` global, so that the pages need
no module loader and no inline script (the Content-Security-Policy allows neither). Run it again
only to change a version; commit what it writes.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "telex" / "web" / "static" / "vendor"

# name, version, sha512 of the npm tarball (npm's dist.integrity), {file in the package: name here}
PACKAGES = (
    (
        "vega",
        "6.4.0",
        "sha512-rHXCq2LpEWCLMjXBEj7hocY9G0/i5TGYRayGGSj06VTF4+l2IG2Z7oeZKCjWbUh/7hTE/mVhbaOPB72wCElh6g==",
        {"build/vega.min.js": "vega.min.js", "LICENSE": "vega.LICENSE.txt"},
    ),
    (
        "vega-lite",
        "6.4.1",
        "sha512-KO3ybHNouRK4A0al/+2fN9UqgTEfxrd/ntGLY933Hg5UOYotDVQdshR3zn7OfXwQ7uj0W96Vfa5R+QxO8am3IQ==",
        {"build/vega-lite.min.js": "vega-lite.min.js", "LICENSE": "vega-lite.LICENSE.txt"},
    ),
    (
        "vega-interpreter",
        "2.3.2",
        "sha512-JDAoi3taFcCDLujZG84TNNUXdkAZ5WsSHssx8lWVYaxb9Slsjk7v7PtRIYXpSlUwLaKGRBqoJ9KDs36Z0eMEIw==",
        {"build/vega-interpreter.js": "vega-interpreter.js", "LICENSE": "vega-interpreter.LICENSE.txt"},
    ),
    (
        "swagger-ui-dist",
        "5.36.0",
        "sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A==",
        {
            "swagger-ui-bundle.js": "swagger-ui-bundle.js",
            "swagger-ui.css": "swagger-ui.css",
            "LICENSE": "swagger-ui.LICENSE.txt",
            "NOTICE": "swagger-ui.NOTICE.txt",
            "swagger-ui-bundle.js.LICENSE.txt": "swagger-ui-bundle.js.LICENSE.txt",
        },
    ),
)
_IMPORT = re.compile(r"^import \{([^}]*)\} from 'vega-util';\n", re.M)
_EXPORT = re.compile(r"^export \{ (\w+) as expressionInterpreter \};\n", re.M)


def classic_interpreter(source: str) -> str:
    """vega-interpreter's ES module as a classic script that sets ``vega.expressionInterpreter``."""
    imported = _IMPORT.search(source)
    exported = _EXPORT.search(source)
    if imported is None or exported is None:
        raise SystemExit("vega-interpreter's build changed shape: update classic_interpreter()")
    body = _EXPORT.sub("", _IMPORT.sub("", source))
    names = ", ".join(name.strip() for name in imported.group(1).split(","))
    return (
        "// vega-interpreter as a classic script (scripts/vendor_web_assets.py): needs vega.min.js first.\n"
        f"(function (vega) {{\n'use strict';\nconst {{ {names} }} = vega;\n{body}\n"
        f"vega.expressionInterpreter = {exported.group(1)};\n}})(globalThis.vega);\n"
    )


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode("ascii")


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    lines = ["# Vendored web assets", "", "Written by `scripts/vendor_web_assets.py` from the npm registry:", ""]
    with tempfile.TemporaryDirectory() as folder:
        for name, version, expected, files in PACKAGES:
            output = subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent"], cwd=folder, check=True, capture_output=True, text=True
            ).stdout.split()[-1]
            tarball = Path(folder) / output
            found = integrity(tarball)
            if expected and found != expected:
                raise SystemExit(f"{name}@{version}: integrity {found} is not the pinned {expected}")
            with tarfile.open(tarball) as archive:
                for inside, here in files.items():
                    member = archive.extractfile(f"package/{inside}")
                    if member is None:
                        raise SystemExit(f"{name}@{version} has no {inside}")
                    data = member.read()
                    if here == "vega-interpreter.js":
                        data = classic_interpreter(data.decode("utf-8")).encode("utf-8")
                    (VENDOR / here).write_bytes(data)
            lines.append(f"- `{name}@{version}` ({found}): {', '.join(f'`{f}`' for f in files.values())}")
    (VENDOR / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
