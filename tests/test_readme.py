"""The README's library example runs as written, copied into a plain script."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "bridge.txt": (
        "Bridge reopened\n\nEngineers reopened the bridge over the river in Orvel on Sunday, "
        '7 March 2021, the governor said. "We will rebuild the market too," the governor said.'
    ),
    "market.txt": (
        "Market shelled\n\nArtillery shelled the market in Orvel on Monday, 8 March 2021, "
        "killing three people, the mayor said."
    ),
}

SCRIPT_TIMEOUT_S = 300
"""Long enough for two worker processes to load the pipeline on a busy machine; a script that
hangs (workers that run it again, a pool never closed) fails here instead of blocking."""


def _library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found, "the README's Library section has no python example"
    return found.group(1)


def test_the_library_example_runs_as_a_plain_script(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "news" / name).write_text(text, encoding="utf-8")
    script = tmp_path / "example.py"
    # as a reader copies it: no `if __name__ == "__main__":` guard added
    script.write_text(_library_example(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "analyzed=2" in done.stdout, done.stdout
    assert "failed=0" in done.stdout, done.stdout
    assert (tmp_path / "conflict.json").is_file()
