"""Bytes to text: BOMs, UTF-8, windows-1256, detection, binary data; the damaged seed copies."""

from __future__ import annotations

import builtins
import codecs
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from newsparse import EncodingError, InputError, parse_bytes, parse_file
from newsparse._text.decoding import decode
from tests.helpers import DATA, DATE, PARAGRAPH, TITLE, dump
from tests.make_damaged_fixtures import DAMAGED, fixtures

ARTICLE = dump(TITLE, DATE, PARAGRAPH)
GOLD_FIELDS = (
    "title", "published", "authors", "body", "source", "keywords", "keywords_raw", "related",
)  # fmt: skip


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in GOLD_FIELDS}


def test_committed_fixtures_are_what_the_script_writes() -> None:
    expected = fixtures()
    assert sorted(path.name for path in DAMAGED.glob("*.txt")) == sorted(expected)
    for name, data in expected.items():
        assert (DAMAGED / name).read_bytes() == data, name


@pytest.mark.parametrize("path", sorted(DAMAGED.glob("*.txt")), ids=lambda p: p.name)
def test_damaged_copy_gives_the_clean_record(path: Path) -> None:
    original = DATA / (path.name.split(".")[0] + ".txt")
    damaged = parse_file(path)
    assert _fields(damaged.to_dict()) == _fields(parse_file(original).to_dict())
    kind = path.name.split(".")[1]
    codes = [d.code for d in damaged.diagnostics]
    expected = {
        "cp1256": ["encoding"],
        "bom-crlf": [],
        "mojibake": ["mojibake"],
        "lossy-mojibake": ["mojibake"],
    }[kind]
    # What the clean file records of its own (seed 001's byline chrome), the copy records too.
    own = [d.code for d in parse_file(original).diagnostics]
    assert codes == expected + own
    encodings = {"cp1256": "windows-1256", "bom-crlf": "utf-8-sig"}
    assert damaged.encoding == encodings.get(kind, "utf-8")


def test_mojibake_diagnostic_lists_the_lines() -> None:
    article = parse_file(DAMAGED / "000_737a97d3fc3c0077.lossy-mojibake.txt")
    (note,) = article.diagnostics
    assert note.line == 1
    assert note.message.startswith(
        "repaired 25 lines of UTF-8 read as windows-1256 (lines 1, 3, 4,"
    )


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("utf-32"), "utf-32"),
        (ARTICLE.encode("cp1256"), "windows-1256"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded == (ARTICLE, encoding)
    assert parse_bytes(data).encoding == encoding
    assert parse_bytes(data).title == TITLE


def test_other_encodings_go_to_charset_normalizer() -> None:
    text = "Министр заявил, что встреча была очень важной для региона. " * 5
    assert decode(text.encode("cp1251")) == (text, "cp1251")


def test_without_charset_normalizer_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_detection(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "charset_normalizer":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_detection)
    data = b"caf\xe9 cr\xe8me " * 10
    with pytest.raises(EncodingError) as caught:
        decode(data, path="menu.txt")
    assert caught.value.code == "decode"
    assert "newsparse[detect]" in str(caught.value)
    assert str(caught.value).startswith("menu.txt:1:4: ")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        ARTICLE.encode("utf-8") + b"\x00",
        bytes(range(32)) * 40,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    ],
)
def test_binary_data(data: bytes) -> None:
    with pytest.raises(EncodingError) as caught:
        parse_bytes(data)
    assert caught.value.code == "binary"
    assert "not a text dump" in str(caught.value)


def test_binary_after_a_bom() -> None:
    with pytest.raises(EncodingError) as caught:
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")
    assert caught.value.code == "binary"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_nul_after_a_bom_is_binary(codec: str) -> None:
    """The BOM path once skipped the NUL check: one NUL among text passed, and was kept."""
    data = (ARTICLE + "\x00" + ARTICLE).encode(codec)
    with pytest.raises(EncodingError) as caught:
        decode(data, path="x.txt")
    assert caught.value.code == "binary"
    assert str(caught.value).startswith("x.txt:4:1: binary data, not a text dump (it holds NUL")


def test_windows_1256_is_told_from_its_bytes_without_listing_its_letters() -> None:
    """Deciding windows-1256 listed every Arabic letter of the text: 3.5 GiB for 48 MB.

    Measured with tracemalloc (deterministic): the decode's peak is now the codec's own
    (its output, two bytes a character, built in a buffer that widens once): about 4x the
    input, against 77x before.
    """
    data = (ARTICLE * 2000).encode("cp1256")
    tracemalloc.start()
    try:
        text, encoding = decode(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (encoding, text) == ("windows-1256", ARTICLE * 2000)
    assert peak < 6 * len(data)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    size = path.stat().st_size
    assert parse_file(path, max_bytes=size).title == TITLE
    with pytest.raises(InputError) as caught:
        parse_file(path, max_bytes=size - 1)
    assert caught.value.code == "too-large"
    assert str(caught.value).startswith(f"{path}: {size} bytes is over the limit")
    with pytest.raises(InputError, match="<bytes>: "):
        parse_bytes(ARTICLE.encode("utf-8"), max_bytes=10)


def test_utf8_with_one_bad_byte_is_still_read(tmp_path: Path) -> None:
    """Arabic UTF-8 with one stray byte decodes as windows-1256 and the mojibake repair
    restores every line but the damaged one."""
    data = dump(TITLE, DATE, PARAGRAPH).encode("utf-8") + "نص ثان.".encode() + b"\xff\n"
    article = parse_bytes(data)
    assert article.title == TITLE
    assert article.paragraphs[0].text == PARAGRAPH
    assert [d.code for d in article.diagnostics] == ["encoding", "mojibake"]
