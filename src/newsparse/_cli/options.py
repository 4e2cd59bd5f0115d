"""The ``newsparse`` command line: its subcommands and options."""

from __future__ import annotations

import argparse
from typing import Any

from newsparse._corpus.outputs import SUFFIXES
from newsparse._corpus.writers import ENCODERS
from newsparse._formats.aggregator import parser as _dump_parser
from newsparse._version import __version__

__all__ = ["build_kind", "command_line"]


def _add_inputs(command: argparse.ArgumentParser, *, profile: bool = True) -> None:
    command.add_argument(
        "files", nargs="+", metavar="PATH",
        help="article files; directories are read recursively; - reads paths from stdin",
    )  # fmt: skip
    command.add_argument(
        "--format", metavar="NAME",
        help="the input format (default: detected per file; `newsparse formats` lists them)",
    )  # fmt: skip
    command.add_argument(
        "--glob", metavar="PATTERN", help='only files in directories matching it, e.g. "*.txt"'
    )
    command.add_argument(
        "--jobs", "-j", type=int, default=1, metavar="N",
        help="parse in N processes; results keep the input order (default 1)",
    )  # fmt: skip
    command.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar and no summary line"
    )
    command.add_argument(
        "--lexicon", action="append", metavar="FILE",
        help="add the entries of a lexicon file to the keyword segmenter's word lists "
        "(repeatable; docs/keywords.md)",
    )  # fmt: skip
    command.add_argument(
        "--storage-option", action="append", default=[], metavar="KEY=VALUE",
        help="an option of the file system of s3:// and other URLs, over fsspec's own "
        "configuration; a JSON value or a string, a dotted key nests "
        "(client_kwargs.endpoint_url=URL; repeatable; docs/storage.md)",
    )  # fmt: skip
    if profile:
        command.add_argument(
            "--profile", metavar="FILE",
            help="apply a corpus profile made by `newsparse learn`: drop the chrome it learned "
            "for each outlet, split keywords by the tags it learned (docs/corpus.md)",
        )  # fmt: skip
    _add_no_plugins(command)


def _add_no_plugins(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-plugins", action="store_true",
        help="use the built-in formats and profiles only (as NEWSPARSE_NO_PLUGINS=1 does)",
    )  # fmt: skip


# What `show` and `check` have of parse's output options: none.
_NO_OUTPUT: dict[str, Any] = {"output": None, "resume": False, "strict": False}


def build_kind() -> str:
    """How the parser runs: as extension modules compiled by mypyc, or as Python source."""
    return "pure Python" if _dump_parser.__file__.endswith(".py") else "compiled with mypyc"


def command_line() -> argparse.ArgumentParser:
    """The command line of `newsparse`, every subcommand with its options."""
    parser = argparse.ArgumentParser(
        prog="newsparse",
        description="Turn scraped Arabic news text dumps into clean JSON records.",
    )
    parser.add_argument(
        "--version", action="version", version=f"newsparse {__version__} ({build_kind()})"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse article files and write one record per article",
        description="Parse article files and write one record per article, in input order, "
        'as it is made. A file that fails gives {"path", "error", "code"} and the run goes '
        "on; a summary line goes to stderr; the exit status is 1 when any file failed.",
    )
    _add_inputs(parse)
    parse.add_argument(
        "-o", "--output", metavar="OUT",
        help="write to OUT, replaced only once the run is complete: a file (its kind by "
        f"its suffix: {', '.join(SUFFIXES)}), a directory DIR/ (a Parquet dataset) or a URL "
        "(s3://bucket/out.parquet, s3://bucket/prefix/); default: standard output",
    )  # fmt: skip
    parse.add_argument(
        "--to", choices=list(ENCODERS), metavar="KIND",
        help=f"the output kind ({', '.join(ENCODERS)}), for standard output or an OUT "
        "with another suffix; default: OUT's suffix, else JSON Lines",
    )  # fmt: skip
    parse.add_argument(
        "--jsonl", action="store_true", help="JSON Lines, one record a line (the default)"
    )
    parse.add_argument(
        "--pretty", action="store_true",
        help="on standard output, indented JSON objects one after another, for people",
    )  # fmt: skip
    parse.add_argument(
        "--resume", action="store_true",
        help="continue the interrupted run that wrote OUT.partial: the files it recorded are "
        "kept and not parsed again",
    )  # fmt: skip
    parse.add_argument(
        "--csv-keep-formulas", action="store_true",
        help="write CSV cells that start with = + - @ as they are (a spreadsheet runs them "
        "as formulas); by default they get a ' in front",
    )  # fmt: skip
    parse.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    show = commands.add_parser(
        "show",
        help="print a short readable summary of each article",
        description="Print title, date, authors, source, paragraph count and keywords "
        "of each article; the exit status is 1 when any file failed.",
    )
    _add_inputs(show)
    show.set_defaults(**_NO_OUTPUT)
    check = commands.add_parser(
        "check",
        help="parse without writing, then print diagnostics and errors by code",
        description="Parse every file without writing records and print a table of "
        "errors and diagnostics by code, with example files; exit status 1 when any failed.",
    )
    _add_inputs(check)
    check.add_argument("--strict", action="store_true", help="treat every diagnostic as an error")
    check.set_defaults(**_NO_OUTPUT)
    learn = commands.add_parser(
        "learn",
        help="learn each outlet's site chrome and the tag vocabulary from a corpus",
        description="Read every file once and write a corpus profile (JSON): per outlet, the "
        "lines and runs that recur in many of its files (its site chrome), and the tags of "
        "the corpus's keyword lines. `parse --profile FILE` applies it. The same files give "
        "the same profile, byte for byte, in any order and with any --jobs.",
    )
    _add_inputs(learn, profile=False)
    learn.add_argument(
        "-o", "--output", metavar="FILE", required=True,
        help="write the profile to FILE (replaced only once the run is complete)",
    )  # fmt: skip
    learn.set_defaults(resume=False, strict=False)
    formats = commands.add_parser(
        "formats",
        help="list the formats newsparse can read",
        description="List every registered format: name, file suffixes, origin "
        "(built-in or the plugin package that adds it).",
    )
    _add_no_plugins(formats)
    return parser
