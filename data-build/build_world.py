"""Build `zenobia/data/world_countries_110m.json`, the country outlines of the HTML report's map.

Run from the repository root:

    .venv/bin/python data-build/build_world.py            # npm pack world-atlas@2.0.2
    .venv/bin/python data-build/build_world.py --package DIR   # an unpacked package

Input: `countries-110m.json` of the npm package `world-atlas` (ISC, Copyright 2013-2019
Michael Bostock): Natural Earth's 1:110m Admin 0 countries (public domain), already simplified
and quantised as TopoJSON. Only its `countries` object is kept (the `land` object repeats the
same arcs), with each country's name and ISO 3166-1 numeric id. The output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "zenobia" / "data" / "world_countries_110m.json"
PACKAGE = "world-atlas@2.0.2"
SOURCE_FILE = "countries-110m.json"


def countries_only(topology: dict[str, Any]) -> dict[str, Any]:
    """The topology with its `countries` object alone; every arc stays (countries use them all)."""
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "objects": {"countries": topology["objects"]["countries"]},
        "arcs": topology["arcs"],
    }


def _unpacked_package(workdir: Path) -> Path:
    """`npm pack` the pinned package into `workdir` and unpack it; returns its folder."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True)
    (archive,) = workdir.glob("world-atlas-*.tgz")
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--package", type=Path, help="an unpacked world-atlas package folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or _unpacked_package(Path(tmp))
        topology = json.loads((package / SOURCE_FILE).read_text(encoding="utf-8"))
    OUT.write_text(
        json.dumps(countries_only(topology), separators=(",", ":"), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
