"""Read the files a user names through one guarded path: every failure is an ``InputError`` naming the file.

Every reader of a user's file uses this module: profiles and their ``extends`` (``read_user_file``), plan
documents (``read_user_file``, ``open_package``), ``--reference-docx`` (``check_docx_package``) and, for
tracking, actuals files (``read_user_file`` for CSV or YAML, ``open_package`` and ``parse_xml`` for an
XLSX). What it guarantees:

- only regular files are read: a folder, a FIFO, a device (``/dev/zero`` through a symbolic link) or a
  socket is refused before anything is read, and a FIFO is opened without blocking;
- a size limit is checked before reading and again while reading (a file that grows is cut off);
- a ZIP package (DOCX) is refused when its members declare more than ``MAX_UNPACKED_BYTES`` or more than
  ``MAX_MEMBERS`` entries, or a name twice, before anything is inflated; ``zipread`` never inflates a member
  past its declared size, so a lying header ends in a "damaged" message, not in gigabytes of memory;
- XML is parsed by lxml with entities left unexpanded, no network, no DTD loading and libxml2's default
  depth limit (256 levels; ``huge_tree`` off); a part that declares a DTD is refused (DOCX and XLSX parts
  never have one, and entity tricks need one); the root element must be the one the caller expects.

lxml's parser rather than defusedxml: lxml is already how the DOCX is written and read, its options
cover what defusedxml adds for lxml (which defusedxml itself deprecates), and the DTD refusal here
closes the rest.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator

from opsplan.errors import InputError
from opsplan.io_messages import iomsg
from opsplan.lxmlload import etree as lxml_etree
from opsplan.zipread import DEFLATED, STORED, Member, TooManyMembers, ZipDamaged, inflated, members

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any

MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # what a ZIP package may unpack to, all members together
MAX_PACKAGE_BYTES = 64 * 1024 * 1024  # a DOCX or XLSX file on disk
MAX_MEMBERS = 10_000
MAX_XML_PART_BYTES = 128 * 1024 * 1024  # one XML part, unpacked
_COMPRESSIONS = {STORED, DEFLATED}  # what Word, WPS and Excel write
_ENCRYPTED = 0x1 | 0x40  # flag bits: encrypted, strongly encrypted


def read_user_file(path: str | os.PathLike[str], *, limit: int, kind: str) -> bytes:
    """Return the bytes of the regular file at ``path``, at most ``limit`` of them.

    ``kind`` (yaml, docx, pptx, actuals, document) names the expected file in messages (``what.<kind>`` and
    ``kinds.<kind>`` in ``io_messages``). Raises ``InputError`` for a missing, unreadable, special or oversized file.
    """
    shown = str(path)
    what, kinds = iomsg(f"what.{kind}"), iomsg(f"kinds.{kind}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(iomsg("in.no_file", path=shown)) from None
    except PermissionError:
        raise InputError(iomsg("in.denied", path=shown)) from None
    except (OSError, ValueError) as exc:
        raise InputError(iomsg("in.unreadable", path=shown, reason=_reason(exc))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(iomsg("in.folder", path=shown, what=what))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(iomsg("in.special", path=shown, what=what))
        if info.st_size > limit:
            raise InputError(iomsg("in.too_big", path=shown, size=f"{info.st_size:,}", kinds=kinds, limit=f"{limit:,}"))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(iomsg("in.unreadable", path=shown, reason=_reason(exc))) from None
    finally:
        os.close(fd)
    if size > limit:
        raise InputError(iomsg("in.over", path=shown, limit=f"{limit:,}", kinds=kinds))
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


class Package:
    """A ZIP package (DOCX) checked by ``package_from_bytes``: bounded reads of its members."""

    def __init__(self, shown: str, data: bytes, entries: list[Member]) -> None:
        self.shown = shown
        self.data = data
        self.entries = {entry.name: entry for entry in entries}
        self.names = frozenset(self.entries)

    def read(self, name: str, limit: int = MAX_XML_PART_BYTES) -> bytes:
        """Return member ``name`` unpacked; ``InputError`` if it is missing, too large or damaged."""
        return b"".join(self.chunks(name, limit, size=limit + 1))

    def chunks(self, name: str, limit: int = MAX_XML_PART_BYTES, size: int = 1 << 16) -> Iterator[bytes]:
        """Yield member ``name`` unpacked, ``size`` bytes at a time; ``InputError`` as ``read`` raises it."""
        entry = self.entries.get(name)
        if entry is None:
            raise InputError(iomsg("package.no_part", path=self.shown, name=name, kind=self._kind()))
        if entry.size > limit:
            unpacked, most = f"{entry.size:,}", f"{limit:,}"
            raise InputError(iomsg("package.part_too_big", path=self.shown, name=name, size=unpacked, limit=most))
        try:
            yield from inflated(self.data, entry, size)
        except (ZipDamaged, zlib.error) as exc:
            raise InputError(iomsg("package.damaged", path=self.shown, name=name, reason=_reason(exc))) from None

    def xml(self, name: str, root: str | None, *, ids: bool = False) -> Any:
        """Return member ``name`` parsed as XML whose root element is ``root`` (Clark notation; None: any).

        ``ids``: as ``parse_xml``'s.
        """
        return parse_xml(self.read(name), iomsg("package.part", path=self.shown, name=name), root, ids=ids)

    def xml_pieces(self, name: str, root: str) -> Iterator[tuple[Any | None, bool]]:
        """Parse member ``name`` a piece at a time; after each piece yield (its root element so far, False).

        The root is None until its start tag (Clark notation ``root``) is read. Everything but the last child
        of an element is complete when it is yielded, so a caller that reads and removes complete children keeps
        memory flat. Last, after the whole part is parsed with ``parse_xml``'s settings and checks (the root
        element, no DTD), it yields (the root, True).
        """
        etree = lxml_etree()
        shown = iomsg("package.part", path=self.shown, name=name)
        parser = etree.XMLPullParser(events=("start",), tag=root, **_PARSER_OPTIONS, collect_ids=False)
        started: Any | None = None
        try:
            head = True
            for chunk in self.chunks(name):
                if head and (b"<!DOCTYPE" in chunk[:4096] or b"<!ENTITY" in chunk[:4096]):
                    raise InputError(iomsg("xml.dtd", where=shown))
                head = False
                parser.feed(chunk)
                for _, element in parser.read_events():  # read all: a nested ``root`` tag is an event too
                    started = element if started is None else started
                yield started, False
            element = parser.close()
        except etree.XMLSyntaxError as exc:
            raise InputError(iomsg("xml.bad", where=shown, reason=_reason(exc))) from None
        except (ValueError, MemoryError) as exc:
            raise InputError(iomsg("xml.unreadable", where=shown, reason=_reason(exc))) from None
        yield _check_root(element, shown, root), True

    def _kind(self) -> str:
        return "DOCX" if self.shown.lower().endswith((".docx", ".dotx")) else iomsg("package.zip")


def open_package(path: str | os.PathLike[str]) -> Package:
    """Open the ZIP package (a DOCX) at ``path`` after checking its size, member count, sizes and compression."""
    data = read_user_file(path, limit=MAX_PACKAGE_BYTES, kind="docx")
    return package_from_bytes(data, str(path))


def package_from_bytes(data: bytes, shown: str) -> Package:
    """Check ``data`` as a ZIP package named ``shown`` (see ``open_package``)."""
    if not data:
        raise InputError(iomsg("package.empty", path=shown))
    try:
        infos = members(data, MAX_MEMBERS)
    except TooManyMembers as many:
        raise InputError(
            iomsg("package.members", path=shown, count=f"{many.count:,}", limit=f"{MAX_MEMBERS:,}")
        ) from None
    except ZipDamaged as exc:
        raise InputError(iomsg("package.not_zip", path=shown, reason=_reason(exc))) from None
    unpacked = sum(info.size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(iomsg("package.unpacked", path=shown, size=f"{unpacked:,}", limit=f"{MAX_UNPACKED_BYTES:,}"))
    seen: set[str] = set()
    for info in infos:
        if info.method not in _COMPRESSIONS:
            raise InputError(iomsg("package.compression", path=shown, name=info.name, method=info.method))
        if info.flags & _ENCRYPTED:
            raise InputError(iomsg("package.encrypted", path=shown, name=info.name))
        if info.name in seen:
            raise InputError(iomsg("package.twice", path=shown, name=info.name))
        seen.add(info.name)
    return Package(shown, data, infos)


def parse_xml(data: bytes, shown: str, root: str | None, *, ids: bool = False) -> Any:
    """Parse ``data`` (an XML part named ``shown``) safely; check that its root element is ``root`` if given.

    ``ids``: register the part's ``xml:id`` attributes as python-docx and python-pptx do, so that a part they would
    refuse (the same id twice) is refused here, with this message: for a reference file they are to read.
    """
    etree = lxml_etree()
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:  # refused before libxml2 reads the declarations
        raise InputError(iomsg("xml.dtd", where=shown))
    parser = etree.XMLParser(**_PARSER_OPTIONS, collect_ids=ids)
    try:
        element = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(iomsg("xml.bad", where=shown, reason=_reason(exc))) from None
    except (ValueError, MemoryError) as exc:
        raise InputError(iomsg("xml.unreadable", where=shown, reason=_reason(exc))) from None
    return _check_root(element, shown, root)


# entities left unexpanded, no network, no DTD loading, libxml2's depth and size limits (huge_tree off); a table of
# xml:id attributes only where asked (``ids``): a check never reads one (2.5 M instructions of the flowers example's)
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "dtd_validation": False,
}


def _check_root(element: Any, shown: str, root: str | None) -> Any:
    info = element.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        raise InputError(iomsg("xml.dtd", where=shown))
    if root is not None and element.tag != root:
        raise InputError(iomsg("xml.root", where=shown, found=_local(element.tag), root=_local(root)))
    return element


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RELATIONSHIPS = f"{{{_REL_NS}}}Relationships"


def docx_parts(package: Package) -> tuple[Any, Any | None]:
    """Return the main document's root (``w:document``) and the styles part's root (or None if it has none)."""
    main, styles = docx_part_names(package)
    document = package.xml(main, f"{{{W_NS}}}document")
    return document, package.xml(styles, f"{{{W_NS}}}styles") if styles else None


def docx_part_names(package: Package) -> tuple[str, str | None]:
    """Return the names of the main document part and of its styles part (None if it has none)."""
    main = _target(package, "_rels/.rels", "", "/officeDocument") or "word/document.xml"
    folder, _, base = main.rpartition("/")
    return main, _target(package, f"{folder}/_rels/{base}.rels".lstrip("/"), folder, "/styles")


def _target(package: Package, rels: str, folder: str, kind: str) -> str | None:
    """Return the part that the relationships part ``rels`` names for relationship type ``…kind``."""
    if rels not in package.names:
        return None
    for relation in package.xml(rels, _RELATIONSHIPS):
        if str(relation.get("Type", "")).endswith(kind) and relation.get("TargetMode") != "External":
            target = str(relation.get("Target", ""))
            parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
            for piece in target.split("/"):
                if piece == "..":
                    parts = parts[:-1]
                elif piece and piece != ".":
                    parts.append(piece)
            return "/".join(parts)
    return None


def read_reference_docx(path: str | os.PathLike[str]) -> bytes:
    """Return the bytes of a ``--reference-docx`` after checking the whole package.

    Every XML part must parse (so a damaged header, numbering or styles part cannot be carried into the
    plan written from it), the main document and styles parts must have the right root elements.
    """
    data = b""
    try:
        data = read_user_file(path, limit=MAX_PACKAGE_BYTES, kind="docx")
        package = package_from_bytes(data, str(path))
        docx_parts(package)
        for name in sorted(package.names):
            if name.endswith((".xml", ".rels")):
                package.xml(name, None, ids=True)
    except InputError as error:
        from opsplan.filekind import wrong_kind

        mismatch = wrong_kind(path, data, "reference_docx", ("docx",))
        detail = str(error).removeprefix(f"{path}: ")
        raise InputError(mismatch or f"{path}: cannot be used as --reference-docx: {detail}") from None
    return data
