"""What a check builds and imports that it does not need (issue 14), read from the process itself; no time measured.

A check runs as the console script runs it, in a process of its own, and at its end (``atexit``) writes the names of
the modules it imported and which of the classes of the CLI's and the check's own modules ``collections.namedtuple``
made (``typing.NamedTuple`` makes them so: a class's ``__new__`` compiled from source, 0.26 ms each; ``Record`` is
the same tuple without it). ``string`` is no longer imported: ``i18n`` reads a template with ``_string`` directly
(importing ``string`` compiled ``string.Template``'s pattern).
"""

from __future__ import annotations

import copy
import enum
import json
import pickle
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import pytest

from opsplan.check.findings import Finding
from opsplan.check.rule import Category, Severity, Word
from opsplan.errors import Location, Problem
from tests._examples import EXAMPLES

# the modules of the CLI's fast path and of a check that are kept free of named tuples made by ``collections``
LEAN = (
    "opsplan.cli_fast", "opsplan.cli_actions", "opsplan.cli_run", "opsplan.errors", "opsplan.i18n",
    "opsplan.streams", "opsplan.filekind", "opsplan.io_messages", "opsplan.check.run", "opsplan.check.findings",
    "opsplan.check.rule", "opsplan.check.rule_table", "opsplan.check.consistency_table", "opsplan.check.reporters",
    "opsplan.check.plain_report", "opsplan.check.messages", "opsplan.check.messages_numbers",
    "opsplan.check.document_rules", "opsplan.check.document_sums", "opsplan.check.heading_numbers",
    "opsplan.check.textutil", "opsplan.check.docread",
)  # fmt: skip
# a Markdown or DOCX plan is read by the text of its path: nothing on the way imports pathlib
NOT_IMPORTED = ("string", "pathlib")

SCRIPT = """
import atexit, json, sys
out, lean = sys.argv[1], sys.argv[3].split(",")

def written():
    import enum
    tuples = [
        f"{name}.{key}" for name in lean if name in sys.modules for key, value in vars(sys.modules[name]).items()
        if isinstance(value, type) and value.__module__ == name
        and (hasattr(value, "_field_defaults") or issubclass(value, enum.Enum))
    ]
    open(out, "w").write(json.dumps({"modules": sorted(sys.modules), "namedtuples": tuples}))

atexit.register(written)
sys.argv = ["opsplan", "check", sys.argv[2]]
from opsplan._entry import main
main()
"""


# a profile's check in the tests' mode (``OPSPLAN_NO_LIGHT``) builds pydantic models, whose plugin loader imports
# ``importlib.metadata`` and with it ``email`` and ``string``
@pytest.mark.parametrize(
    ("name", "not_imported"),
    [
        ("douyin-flowers.zh-CN.docx", NOT_IMPORTED),
        ("douyin-flowers.en.md", NOT_IMPORTED),
        ("douyin-flowers.en.yaml", ()),
    ],
)
def test_a_check_builds_no_named_tuple_and_imports_no_string(
    name: str, not_imported: tuple[str, ...], tmp_path: Path
) -> None:
    out = tmp_path / "seen.json"
    args = [sys.executable, "-c", SCRIPT, str(out), str(EXAMPLES / name), ",".join(LEAN)]
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: findings, still a finished check
    seen = json.loads(out.read_text(encoding="utf-8"))
    modules = set(seen["modules"])
    assert {"opsplan.check.findings", "opsplan.check.reporters"} <= modules  # the check ran and reported
    assert sorted(modules.intersection(not_imported)) == []
    assert seen["namedtuples"] == []


def test_the_scan_sees_a_named_tuple_and_an_enum() -> None:
    made = namedtuple("made", "a b")
    assert hasattr(made, "_field_defaults")
    assert not hasattr(Finding, "_field_defaults")
    assert issubclass(OldSeverity, enum.Enum) and not issubclass(Severity, enum.Enum)


def test_a_record_is_the_named_tuple_it_replaces() -> None:
    class Old(namedtuple("Location", ["file", "line", "column"], defaults=[0, 0])):  # the record as it was
        pass

    where = Location("plan.yaml", 3)
    plain: object = ("plan.yaml", 3, 0)  # as object: mypy would narrow ``where`` to the tuple it equals
    assert where == plain == Old("plan.yaml", 3) and hash(where) == hash(Old("plan.yaml", 3))
    assert (where.file, where.line, where.column) == ("plan.yaml", 3, 0) and str(where) == "plan.yaml:3"
    assert repr(where) == "Location(file='plan.yaml', line=3, column=0)"
    assert where._replace(column=7) == Location("plan.yaml", 3, 7) and type(where._replace()) is Location
    assert where._asdict() == {"file": "plan.yaml", "line": 3, "column": 0}
    assert Location._fields == ("file", "line", "column")
    with pytest.raises(ValueError):
        where._replace(row=1)
    problem = Problem(where, "shop.name", "is empty")
    assert str(problem) == "plan.yaml:3: shop.name: is empty"
    finding = Finding("OPS101", "m", "f.docx", headings=("一、背景",), severity=Severity.WARNING)
    assert finding.level is Severity.WARNING and finding.headings == ("一、背景",) and finding.column == 0
    for record in (where, problem, finding):
        copy = pickle.loads(pickle.dumps(record))
        assert copy == record and type(copy) is type(record)
    assert sorted([Location("b"), Location("a", 2), Location("a", 1)]) == [("a", 1, 0), ("a", 2, 0), ("b", 0, 0)]


class OldSeverity(enum.StrEnum):
    """``Severity`` as it was."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class OldCategory(enum.StrEnum):
    """``Category`` as it was."""

    STRUCTURE = "structure"
    PLACEHOLDER = "placeholder"
    DUPLICATE_HEADING = "duplicate-heading"
    NUMBERING = "numbering"
    MISSING_SECTION = "missing-section"
    EMPTY_SECTION = "empty-section"
    SUM = "sum"
    GOAL = "goal"
    TIMELINE = "timeline"
    RISK = "risk"
    MONEY = "money"


@pytest.mark.parametrize(("new", "old"), [(Severity, OldSeverity), (Category, OldCategory)])
def test_a_word_is_the_str_enum_member_it_replaces(new: type[Word], old: type[enum.StrEnum]) -> None:
    assert [(word.name, word.value) for word in new.words()] == [(member.name, member.value) for member in old]
    for member in old:
        word = getattr(new, member.name)
        assert word == member and hash(word) == hash(member) and isinstance(word, new) and isinstance(word, str)
        said = (str(word), f"{word}", f"{word:>12}", "{}".format(word))  # noqa: UP032
        assert said == (str(member), f"{member}", f"{member:>12}", "{}".format(member))  # noqa: UP032
        assert repr(word).replace("Old", "") == repr(member).replace("Old", "")
        assert new(member.value) is word and type(word.value) is str and word.value == member.value
        assert json.dumps({"level": word}) == json.dumps({"level": member})
        assert pickle.loads(pickle.dumps(word)) is word and copy.deepcopy(word) is word
    for bad in ("nope", "ERROR", None):
        with pytest.raises(ValueError):
            new(bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            old(bad)  # type: ignore[arg-type]  # None: bad input on purpose


ODD_PATHS = [
    "",
    ".",
    "./",
    "..",
    "/",
    "//",
    "///",
    "////a",
    "//a//b/",
    "/./a/./b/.",
    "a/./b",
    "a//b",
    "a/b/",
    "./a.docx",
    "a.docx/",
    "-",
    "--",
    "-odd.yaml",
    ".docx",
    "a/.docx",
    "a.",
    "a..",
    "a.b.c",
    "a. docx",
    " a.DOCX ",
    "a\\\\b.docx",
    "C:\\\\plans\\\\plan.docx",
    "c:plan.yaml",
    "plan.Yaml",
    "名字.docx",
    "计划/方案.MD",
    "x\udcff.docx",
    "\udcfe/\udcfd.yml",
    "a\\tb.docx",
    "a\\nb.md",
    "a b/c d.markdown",
    "~/plan.docx",
    "a/../b.docx",
    ".hidden/.x.yaml",
    "a/b.tar.gz",
]


@pytest.mark.parametrize("name", ODD_PATHS)
def test_a_path_is_read_as_pathlib_reads_it(name: str) -> None:
    from opsplan.check.run import path_suffix, shown_path

    shown = shown_path(name)
    assert shown == str(Path(name)) and path_suffix(shown) == Path(name).suffix
    assert shown_path(shown) == shown


def test_the_cli_and_the_check_import_no_pathlib_of_their_own(tmp_path: Path) -> None:
    """The CLI's fast path and ``check_file`` read a path as text (a profile's check imports ``pathlib`` to load it)."""
    script = (
        "import sys; import opsplan.cli_fast, opsplan.cli_actions, opsplan.check.run, opsplan.check.reporters, "
        "opsplan.filekind; print('pathlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
