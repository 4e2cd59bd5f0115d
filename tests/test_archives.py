"""Archives read member by member: the same records as the files unpacked, names as written."""

from __future__ import annotations

import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import InputError, iter_results, parse_file
from newsparse._cli.main import main
from newsparse._corpus.batch import path_of
from newsparse._corpus.escape import path_from_stored
from newsparse._corpus.paths import count_files, list_files
from newsparse._storage.archives import archive_kind, member_text
from newsparse._storage.fetched import Fetched
from newsparse._storage.reading import read_bytes
from tests.archives import Members, write_tar, write_tar_zst, write_zip
from tests.helpers import DATA, EXAMPLES

CORPUS_FILES = [
    *sorted(DATA.glob("*.txt"))[:6],
    EXAMPLES / "articles.jsonl",
    EXAMPLES / "saudinewsnet-sample.json",
]


def corpus_members() -> list[tuple[bytes, bytes]]:
    """The corpus as members: a directory's own files, then a subdirectory's, as a local
    directory is read."""
    top = [(f"{p.name}".encode(), p.read_bytes()) for p in CORPUS_FILES[:4]]
    nested = [(f"sub/{p.name}".encode(), p.read_bytes()) for p in CORPUS_FILES[4:]]
    return sorted(top) + sorted(nested)


def unpacked(directory: Path, members: Members) -> Path:
    for raw, data in members:
        target = directory / raw.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return directory


Writer = Callable[[Path, Members], Path]


def _tar(mode: str) -> Writer:
    return lambda path, members: write_tar(path, members, mode=mode)


def _zstd(path: Path, members: Members) -> Path:
    pytest.importorskip("zstandard")
    return write_tar_zst(path, members)


KINDS: list[tuple[str, Writer]] = [
    ("corpus.zip", write_zip),
    ("corpus.tar", _tar("w")),
    ("corpus.tar.gz", _tar("w:gz")),
    ("corpus.tgz", _tar("w:gz")),
    ("corpus.tar.bz2", _tar("w:bz2")),
    ("corpus.tar.xz", _tar("w:xz")),
    ("corpus.tar.zst", _zstd),
]


def records(path: Path, *options: str) -> list[dict[str, Any]]:
    out = path.parent / f"{path.name}.out.jsonl"
    main(["parse", "-q", str(path), "-o", str(out), *options])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def without_place(found: list[dict[str, Any]], prefix: str, suffix: str = "") -> list[Any]:
    """The records with their paths made relative, *prefix* and *suffix* cut (in the path and
    in an error message that names it)."""
    cut = []
    for record in found:
        path = record["path"]
        assert path.startswith(prefix), path
        assert path.endswith(suffix), path
        relative = path[len(prefix) : len(path) - len(suffix)]
        named = json.loads(json.dumps(record).replace(json.dumps(path)[1:-1], relative))
        cut.append({**named, "path": relative})
    return cut


@pytest.mark.parametrize(("name", "write"), KINDS, ids=[name for name, _ in KINDS])
def test_an_archive_gives_the_records_of_its_files_unpacked(
    tmp_path: Path, name: str, write: Writer
) -> None:
    members = corpus_members()
    directory = unpacked(tmp_path / "corpus", members)
    archive = write(tmp_path / name, members)
    local = without_place(records(directory), f"{directory}/")
    kind = archive_kind(name)
    from_archive = without_place(records(archive), f"{kind}://", f"::{archive}")
    assert from_archive == local
    assert len(local) > len(members)  # the JSON files hold several articles each


@pytest.mark.parametrize(("name", "write"), KINDS[:3], ids=[name for name, _ in KINDS[:3]])
def test_a_member_s_record_names_it_so_that_it_opens_again(
    tmp_path: Path, name: str, write: Writer
) -> None:
    archive = write(tmp_path / name, corpus_members()[:3])
    for result in iter_results(archive):
        assert result.ok
        again = parse_file(path_from_stored(result.records()[0]["path"]))
        assert again == result.articles[0]


ARABIC = "أخبار/خبر عاجل.txt"


@pytest.mark.parametrize(
    ("raw", "utf8_flag", "expected"),
    [
        (ARABIC.encode("utf-8"), True, ARABIC),
        (ARABIC.encode("utf-8"), False, ARABIC),  # Info-ZIP and macOS write UTF-8 unflagged
        (ARABIC.encode("cp720"), False, ARABIC),  # Windows' own zip, on an Arabic system
        (ARABIC.encode("cp1256"), False, ARABIC),  # tools that write the ANSI code page
        ("café.txt".encode("cp437"), False, "café.txt"),  # the zip format's own default
    ],
    ids=["utf-8 flagged", "utf-8 unflagged", "cp720", "cp1256", "cp437"],
)
def test_a_zip_member_is_named_as_its_creator_wrote_it(
    tmp_path: Path, raw: bytes, utf8_flag: bool, expected: str
) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    archive = write_zip(tmp_path / "a.zip", [(raw, data)], utf8_flag=utf8_flag)
    [result] = iter_results(archive)
    assert result.path == f"zip://{expected}::{archive}"
    assert result.ok


def test_a_tar_member_name_that_is_no_text_is_kept_as_its_bytes(tmp_path: Path) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    archive = write_tar(tmp_path / "a.tar.gz", [(b"\xff\xfe-\xa0.txt", data)])
    [result] = iter_results(archive)
    [record] = result.records()
    assert record["path"] == f"tar://%FF%FE-%A0.txt::{archive}"
    assert parse_file(path_from_stored(record["path"])) == result.articles[0]
    assert parse_file(record["path"]) == result.articles[0]  # as a user copies it


names = st.binary(min_size=1, max_size=12).filter(
    lambda raw: b"\0" not in raw and b"/" not in raw and not raw.startswith(b".")
    and b"::" not in raw
)  # fmt: skip


@given(st.lists(names, min_size=1, max_size=6, unique=True), st.sampled_from(["zip", "tar"]))
def test_every_member_has_a_name_of_its_own_that_reads_it_again(
    raws: list[bytes], kind: str
) -> None:
    import tempfile  # noqa: PLC0415 -- a directory per example

    with tempfile.TemporaryDirectory() as scratch:
        members = [(raw, f"member {number}".encode()) for number, raw in enumerate(raws)]
        path = Path(scratch, f"a.{kind}")
        archive = write_zip(path, members) if kind == "zip" else write_tar(path, members, mode="w")
        listed = list(list_files(archive))
        assert all(isinstance(item, Fetched) for item in listed)
        found = [item for item in listed if isinstance(item, Fetched)]
        assert len({item.name for item in found}) == len(members)
        assert [item.data for item in found] == [data for _, data in members]
        for item in found:
            assert read_bytes(item.name, max_bytes=1000) == item.data


@given(st.binary(min_size=1, max_size=40))
def test_member_names_of_a_tar_lose_no_byte(raw: bytes) -> None:
    text = member_text(raw, "tar")
    candidates = [raw.decode(c, "surrogateescape") for c in ("utf-8",)]
    for code_page in ("cp1256", "cp720"):
        try:
            candidates.append(raw.decode(code_page))
        except UnicodeDecodeError:
            continue
    assert text in candidates  # a reading of the bytes themselves, one to one


def test_directories_hidden_members_and_the_glob_pass_members_over(tmp_path: Path) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    archive = write_zip(
        tmp_path / "a.zip",
        [(b"a/", b""), (b"a/one.txt", data), (b"__MACOSX/a/._one.txt", b"\0\5"),
         (b".hidden.txt", data), (b"a/two.md", data)],
    )  # fmt: skip
    found = [item.name for item in list_files(archive) if isinstance(item, Fetched)]
    assert found == [f"zip://a/one.txt::{archive}", f"zip://a/two.md::{archive}"]
    matched = [item.name for item in list_files(archive, glob="*.txt") if isinstance(item, Fetched)]
    assert matched == [f"zip://a/one.txt::{archive}"]
    [none] = list(list_files(archive, glob="*.json"))
    assert isinstance(none, InputError)
    assert none.code == "no-files"


def test_a_directory_s_archives_stand_for_their_members(tmp_path: Path) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "b.txt").write_bytes(data)
    write_zip(tmp_path / "corpus" / "a.zip", [(b"x.txt", data)])
    found = [path_of(item) for item in list_files(tmp_path / "corpus", glob="*.txt")]
    assert found == [f"zip://x.txt::{tmp_path}/corpus/a.zip", f"{tmp_path}/corpus/b.txt"]


def test_a_member_over_the_limit_costs_only_itself(tmp_path: Path) -> None:
    small = b"x" * 10
    archive = write_tar(tmp_path / "a.tar.gz", [(b"big.txt", b"x" * 5000), (b"small.txt", small)])
    big, kept = list(list_files(archive, max_bytes=100))
    assert isinstance(big, InputError)
    assert big.code == "too-large"
    assert big.path == f"tar://big.txt::{archive}"
    assert kept == Fetched(name=f"tar://small.txt::{archive}", data=small)


def test_a_damaged_archive_keeps_the_members_before_the_damage(tmp_path: Path) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    whole = write_tar(tmp_path / "a.tar.gz", [(b"one.txt", data), (b"two.txt", data * 40)])
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    *before, damage = list(list_files(cut))
    assert [item.name for item in before if isinstance(item, Fetched)] == [f"tar://one.txt::{cut}"]
    assert isinstance(damage, InputError)
    assert damage.code == "bad-archive"
    assert damage.path == str(cut)
    assert "1 member(s) were read" in damage.message


def test_a_file_that_is_no_archive_says_so(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a zip at all")
    [error] = list(list_files(fake))
    assert isinstance(error, InputError)
    assert error.code == "bad-archive"
    [missing] = list(list_files(tmp_path / "missing.tar.gz"))
    assert isinstance(missing, InputError)
    assert missing.code == "not-found"


def test_a_corrupt_member_is_an_error_of_its_own(tmp_path: Path) -> None:
    data = (DATA / "002_handwritten_layout.txt").read_bytes()
    archive = write_zip(tmp_path / "a.zip", [(b"one.txt", data), (b"two.txt", data)])
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        first = opened.infolist()[0]
        start = first.header_offset + 30 + len(first.filename)  # the local header's length
    raw[start + 5] ^= 0xFF  # a byte of the first member's deflated data
    archive.write_bytes(bytes(raw))
    bad, good = list(list_files(archive))
    assert isinstance(bad, InputError)
    assert bad.code == "unreadable"
    assert bad.path == f"zip://one.txt::{archive}"
    assert isinstance(good, Fetched)
    assert good.data == data


def test_a_member_whose_name_holds_the_separator_is_an_error_of_its_own(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", [(b"a::b.txt", b"x"), (b"c:.txt", b"y")])
    bad, good = list(list_files(archive))
    assert isinstance(bad, InputError)
    assert bad.code == "unreadable"
    assert "'::'" in bad.message
    assert good == Fetched(name=f"zip://c:.txt::{archive}", data=b"y")
    assert read_bytes(good.name, max_bytes=10) == b"y"


def test_a_member_name_the_archive_lacks_is_not_found(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", [(b"one.txt", b"x")])
    with pytest.raises(InputError) as raised:
        read_bytes(f"zip://two.txt::{archive}", max_bytes=100)
    assert raised.value.code == "not-found"


def test_a_zstandard_tar_without_zstandard_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("zstandard")
    archive = write_tar_zst(tmp_path / "a.tar.zst", [(b"one.txt", b"x")])
    monkeypatch.setitem(sys.modules, "zstandard", None)
    [error] = list(list_files(archive))
    assert isinstance(error, InputError)
    assert error.code == "missing-extra"
    assert "newsparse[zstd]" in error.message


def test_counting_reads_no_member_s_data(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", [(b"one.txt", b"x"), (b"two.txt", b"y")])
    assert list(count_files([str(archive)], glob=None, skip=frozenset())) == [
        f"zip://one.txt::{archive}",
        f"zip://two.txt::{archive}",
    ]


@pytest.mark.parametrize("name", ["corpus.zip", "corpus.tar.gz"])
def test_fsspec_opens_a_member_by_the_name_its_record_gives(tmp_path: Path, name: str) -> None:
    fsspec = pytest.importorskip("fsspec")
    members = corpus_members()[:2]
    archive = (write_zip if name.endswith(".zip") else _tar("w:gz"))(tmp_path / name, members)
    for item, (_, data) in zip(list_files(archive), members, strict=True):
        assert isinstance(item, Fetched)
        with fsspec.open(item.name, "rb") as opened:
            assert opened.read() == data


def test_two_members_whose_names_read_alike_keep_names_of_their_own(tmp_path: Path) -> None:
    name = "خبر.txt"
    path = write_zip(tmp_path / "a.zip", [(name.encode(), b"one"), (name.encode("cp1256"), b"two")],
                     flagged=frozenset({0}))  # fmt: skip
    first, second = list(list_files(path))
    assert first == Fetched(name=f"zip://خبر.txt::{path}", data=b"one")
    assert isinstance(second, Fetched)
    assert (
        second.name
        == "zip://" + "خبر.txt".encode("cp1256").decode("utf-8", "surrogateescape") + f"::{path}"
    )
    assert read_bytes(second.name, max_bytes=10) == b"two"


def test_a_member_that_cannot_be_read_again_says_why(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", [(b"big.txt", b"x" * 100)])
    with pytest.raises(InputError) as raised:
        read_bytes(f"zip://big.txt::{archive}", max_bytes=10)
    assert raised.value.code == "too-large"
    with pytest.raises(InputError) as missing:
        read_bytes(f"zip://big.txt::{tmp_path}/gone.zip", max_bytes=10)
    assert missing.value.code == "not-found"
    with pytest.raises(InputError) as directory:
        read_bytes(f"zip://big.txt::{tmp_path}", max_bytes=10)
    assert directory.value.code == "is-a-directory"


def test_a_cluster_s_pattern_of_archives_stands_for_their_members(tmp_path: Path) -> None:
    from newsparse._corpus.paths import list_on_driver  # noqa: PLC0415

    write_zip(tmp_path / "a.zip", [(b"one.txt", b"x")])
    write_zip(tmp_path / "b.zip", [(b"two.txt", b"y")])
    assert [path_of(item) for item in list_on_driver(str(tmp_path / "*.zip"))] == [
        f"zip://one.txt::{tmp_path}/a.zip",
        f"zip://two.txt::{tmp_path}/b.zip",
    ]
    [none] = list_on_driver(str(tmp_path / "*.tar"))
    assert isinstance(none, InputError)
    assert none.code == "no-files"
