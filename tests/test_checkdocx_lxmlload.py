"""``lxmlload.etree`` imports lxml.etree without ``inspect``, ``gzip`` and ``typing``, and lxml works as with them (issue 14).

Each case runs in a new process, where neither module nor lxml.etree is loaded yet. No time is measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from opsplan.zipread import _decoded
from tests._examples import EXAMPLES


def _run(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    said: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return said


LOADED = """
import json, sys
from opsplan.lxmlload import etree
before = {name: name in sys.modules for name in ("inspect", "gzip", "lxml.etree")}
module = etree()
print(json.dumps({
    "before": before,
    "same": module is sys.modules["lxml.etree"],
    "after": {name: name in sys.modules for name in ("inspect", "gzip", "ast", "dis", "tokenize", "lxml._elementpath")},
}))
"""


def test_lxml_etree_is_imported_without_inspect_and_gzip() -> None:
    result = _run(LOADED)
    assert result["before"] == {"inspect": False, "gzip": False, "lxml.etree": False}
    assert result["same"] is True
    assert result["after"] == dict.fromkeys(("inspect", "gzip", "ast", "dis", "tokenize", "lxml._elementpath"), False)


TARGET = """
import json, sys, types
from opsplan.lxmlload import etree
lxml_etree = etree()

class Target:  # a start() that takes the namespaces: lxml asks getfullargspec how many arguments it takes
    def __init__(self):
        self.seen = []
    def start(self, tag, attrib, nsmap):
        self.seen.append([tag, dict(nsmap)])
    def close(self):
        return self.seen

class Plain:
    def __init__(self):
        self.seen = []
    def start(self, tag, attrib):
        self.seen.append(tag)
    def close(self):
        return self.seen

xml = b"<a xmlns:x='urn:x'><x:b/></a>"
seen = lxml_etree.fromstring(xml, lxml_etree.XMLParser(target=Target()))
plain = lxml_etree.fromstring(xml, lxml_etree.XMLParser(target=Plain()))
inspect = sys.modules["inspect"]
print(json.dumps({
    "seen": seen,
    "plain": plain,
    "real": type(inspect) is types.ModuleType and hasattr(inspect, "signature") and hasattr(inspect, "getsource"),
}))
"""


def test_a_parser_target_is_inspected_with_the_real_getfullargspec() -> None:
    result = _run(TARGET)
    assert result["seen"] == [["a", {"x": "urn:x"}], ["{urn:x}b", {}]]  # the namespaces each declares
    assert result["plain"] == ["a", "{urn:x}b"]
    assert result["real"] is True


COMPRESSED = """
import io, json, sys, types
from opsplan.lxmlload import etree
lxml_etree = etree()
tree = lxml_etree.ElementTree(lxml_etree.fromstring(b"<a>text</a>"))
into_file = io.BytesIO()
tree.write(into_file, compression=6)
tree.write(sys.argv[1], compression=9)
with lxml_etree.xmlfile(sys.argv[1] + ".x", compression=5) as out:  # lxml's incremental writer, to a path
    out.write(lxml_etree.fromstring(b"<b/>"))
import gzip
print(json.dumps({
    "file-like": gzip.decompress(into_file.getvalue()).decode(),
    "path": gzip.decompress(open(sys.argv[1], "rb").read()).decode(),
    "xmlfile": gzip.decompress(open(sys.argv[1] + ".x", "rb").read()).decode(),
    "real": type(gzip) is types.ModuleType and hasattr(gzip, "compress") and "inspect" not in sys.modules,
}))
"""


def test_compressed_output_is_written_with_the_real_gzip(tmp_path: Path) -> None:
    result = _run(COMPRESSED, str(tmp_path / "out.xml.gz"))
    assert result["file-like"] == result["path"] == "<a>text</a>"
    assert result["xmlfile"] == "<b/>"
    assert result["real"] is True


FIND = """
import json, sys, types
from opsplan.lxmlload import etree
lxml_etree = etree()
root = lxml_etree.fromstring(b"<a xmlns:x='urn:x'><x:b>one</x:b><x:b>two</x:b><c/></a>")
ns = {"y": "urn:x"}
found = {
    "find": root.find("y:b", ns).text,
    "findall": [b.text for b in root.findall("{urn:x}b")],
    "iterfind": [e.tag for e in root.iterfind("*")],
    "findtext": root.findtext("y:b[2]", namespaces=ns),
    "tree": lxml_etree.ElementTree(root).find("c").tag,
}
import lxml
from lxml import _elementpath
real = sys.modules["lxml._elementpath"]
print(json.dumps({**found, "real": type(real) is types.ModuleType and lxml._elementpath is real is _elementpath}))
"""


def test_element_paths_are_found_with_the_real_elementpath() -> None:
    assert _run(FIND) == {
        "find": "one",
        "findall": ["one", "two"],
        "iterfind": ["{urn:x}b", "{urn:x}b", "c"],
        "findtext": "two",
        "tree": "c",
        "real": True,
    }


STAND_IN = """
import json, sys, types
from opsplan import lxmlload
stand_in = lxmlload._StandIn("gzip")
sys.modules["gzip"] = stand_in
compress = stand_in.compress  # a name the stand-in does not forward: the real module is loaded
real = sys.modules["gzip"]
print(json.dumps({
    "real": real is not stand_in and type(real) is types.ModuleType and compress is real.compress,
    "again": stand_in.decompress is real.decompress,
    "works": real.decompress(compress(b"x")).decode(),
}))
"""


def test_any_other_name_of_a_stand_in_is_the_real_modules() -> None:
    assert _run(STAND_IN) == {"real": True, "again": True, "works": "x"}


ALREADY = """
import json, sys, inspect, gzip
from opsplan.lxmlload import etree
module = etree()
print(json.dumps({"inspect": sys.modules["inspect"] is inspect, "gzip": sys.modules["gzip"] is gzip,
                  "again": etree() is module}))
"""


def test_modules_already_loaded_are_left_as_they_are() -> None:
    assert _run(ALREADY) == {"inspect": True, "gzip": True, "again": True}


GENERIC = """
import json, sys, types
from opsplan.lxmlload import etree
lxml_etree = etree()
loaded = "typing" in sys.modules
alias = lxml_etree.ElementTree[int]
tree = lxml_etree.ElementTree(lxml_etree.fromstring(b"<a><b/></a>"))
print(json.dumps({
    "typing": loaded,
    "alias": [type(alias) is types.GenericAlias, alias.__origin__ is lxml_etree.ElementTree, alias.__args__ == (int,)],
    "tree": [isinstance(tree, lxml_etree.ElementTree), tree.getroot()[0].tag],
}))
"""


def test_lxml_etree_is_imported_without_typing_and_its_element_tree_is_still_subscriptable() -> None:
    """lxml imports ``typing`` for ``Generic[T]`` alone: a stand-in makes ``ElementTree[int]`` a ``GenericAlias``."""
    assert _run(GENERIC) == {"typing": False, "alias": [True, True, True], "tree": [True, "b"]}


TYPING_FIRST = """
import json, typing
from opsplan.lxmlload import etree
lxml_etree = etree()
print(json.dumps({"generic": issubclass(lxml_etree.ElementTree, typing.Generic)}))
"""


def test_with_typing_loaded_lxml_etree_uses_the_real_generic() -> None:
    assert _run(TYPING_FIRST) == {"generic": True}


CHECK = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps({"modules": sorted(sys.modules)})))
sys.argv = ["opsplan", "check", sys.argv[1]]
from opsplan._entry import main
main()
"""


def test_a_docx_check_imports_neither_inspect_nor_gzip_nor_typing() -> None:
    docx = EXAMPLES / "douyin-flowers.en.docx"
    done = subprocess.run([sys.executable, "-c", CHECK, str(docx)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: findings, still a finished check
    modules = set(json.loads(done.stdout.splitlines()[-1])["modules"])
    assert "lxml.etree" in modules  # the DOCX was parsed
    assert sorted(modules & {"inspect", "gzip", "encodings.cp437", "typing"}) == []


def test_a_member_name_is_decoded_as_cp437_unless_flagged_utf8() -> None:
    assert _decoded(b"word/document.xml", 0) == "word/document.xml"
    assert _decoded(b"caf\x82.xml", 0) == "café.xml"  # cp437: 0x82 is é
    assert _decoded("café.xml".encode(), 0x800) == "café.xml"
    assert _decoded(b"a\x00b", 0) == "a"
    assert _decoded(bytes(range(1, 128)), 0) == bytes(range(1, 128)).decode("cp437")


THREADED = """
import json, sys, threading
from opsplan.lxmlload import etree
go = threading.Event()
waiting = threading.Thread(target=go.wait)
waiting.start()
etree()
print(json.dumps({name: type(sys.modules.get(name)).__name__ for name in ("inspect", "gzip")}))
go.set()
waiting.join()
"""


def test_with_another_thread_running_lxml_etree_is_imported_as_it_is() -> None:
    """A thread that imported gzip while the stand-ins stood would keep one: with threads there are none."""
    assert _run(THREADED) == {"inspect": "module", "gzip": "module"}


FAILING_STAND_IN = """
import json, sys
from opsplan import lxmlload

def refused(*args, **kwargs):
    raise TypeError("a stand-in lxml cannot use")

lxmlload._FORWARDED["typing"]["TypeVar"] = refused
module = lxmlload.etree()
tree = module.fromstring("<a><b/></a>")
print(json.dumps({
    "same": module is sys.modules["lxml.etree"],
    "works": [child.tag for child in tree],
    "stand-ins left": sorted(n for n, m in sys.modules.items() if isinstance(m, lxmlload._StandIn)),
    "generic": issubclass(module.ElementTree, __import__("typing").Generic),
}))
"""


def test_an_lxml_that_fails_with_the_stand_ins_is_imported_as_it_is() -> None:
    """A later lxml might use more of ``typing`` than a stand-in gives: the import is then made without them."""
    result = _run(FAILING_STAND_IN)
    assert result == {"same": True, "works": ["b"], "stand-ins left": [], "generic": True}
