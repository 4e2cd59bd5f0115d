"""Write the damaged copies of the seeds that tests/test_decoding.py reads.

Run ``python tests/make_damaged_fixtures.py`` after changing a seed.  Each copy
reproduces one kind of real-world damage from docs/robustness.md and must parse to the
same record as its clean original:

- ``*.cp1256.txt``: the whole file in windows-1256 (seeds that windows-1256
  can encode: it has no Persian yeh);
- ``*.bom-crlf.txt``: UTF-8 with a BOM, CRLF line ends, trailing spaces and tabs;
- ``*.mojibake.txt``: every line but the date line is UTF-8 read as windows-1256;
- ``*.lossy-mojibake.txt``: the same with the soft-hyphen characters dropped,
  as on real pages, so a plain re-decode fails.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from tests.helpers import DATA, SEEDS

DAMAGED = DATA / "damaged"

DATE_LABEL = "تاريخ النشر"


def _mojibake(text: str, *, lossy: bool) -> bytes:
    lines = []
    for line in text.split("\n"):
        damaged = line
        if not line.startswith(DATE_LABEL):
            damaged = line.encode("utf-8").decode("cp1256")
            if lossy:
                damaged = damaged.replace("\u00ad", "")
        lines.append(damaged)
    return "\n".join(lines).encode("utf-8")


def _cp1256(text: str) -> bytes | None:
    try:
        return text.encode("cp1256")
    except UnicodeEncodeError:
        return None


KINDS: dict[str, Callable[[str], bytes | None]] = {
    "cp1256": _cp1256,
    "bom-crlf": lambda text: (
        b"\xef\xbb\xbf" + "\r\n".join(f"{line}  \t" for line in text.split("\n")).encode("utf-8")
    ),
    "mojibake": lambda text: _mojibake(text, lossy=False),
    "lossy-mojibake": lambda text: _mojibake(text, lossy=True),
}


def fixtures() -> dict[str, bytes]:
    """Return the damaged copies by file name."""
    out: dict[str, bytes] = {}
    for stem in SEEDS:
        seed = DATA / f"{stem}.txt"
        text = seed.read_text(encoding="utf-8")
        for kind, damage in KINDS.items():
            data = damage(text)
            if data is not None:
                out[f"{seed.stem}.{kind}.txt"] = data
    return out


def main() -> int:
    """Write the fixtures into tests/data/damaged/."""
    DAMAGED.mkdir(exist_ok=True)
    for name, data in fixtures().items():
        (DAMAGED / name).write_bytes(data)
        sys.stdout.write(f"wrote {DAMAGED / name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
