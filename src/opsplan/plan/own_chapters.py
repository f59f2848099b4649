"""Chapters of the user's own: ``sections.<key>`` with a title, ``after`` (the chapter it follows) and a Markdown body.

``place_own_chapters`` puts each after the chapter it names (in the order written, so two chapters after the
same one keep their order); ``body_markdown`` returns the body as the plan writes it: the Markdown the
renderers carry (paragraphs, lists, tables, ``###``/``####`` sections, emphasis, links) as written, and
anything else escaped so it shows as text, never dropped: ``#``/``##`` headings (they would break the
chapter structure), raw HTML, images and fenced code. ``unsupported_markdown`` names what was escaped, for
``check``. The plan numbers ``###``/``####`` sections itself (7.1, 7.1.1), so a number written at the start of
such a heading (一、 1. 1.1 （一） 第一章) is taken off, and ``manual_numbers`` lists each for ``check``.
"""

from __future__ import annotations

import re

from opsplan.kinds import Chapter
from opsplan.plan.model import ChapterRef, EngineFinding
from opsplan.profile import Profile

# Patterns as text, compiled (by ``re``, once a process) when a profile has chapters of its own: most have none,
# and compiling them costs 1.2 ms of every render and check.
_RULES: tuple[tuple[str, str], ...] = (
    (r"(?m)^ {0,3}#{1,2}(?=\s)", "heading"),
    (r"<(?=[A-Za-z/!])", "html"),
    (r"!\[(?=[^\]]*\]\()", "image"),
    (r"(?m)^ {0,3}(```|~~~)", "fence"),
)


_HAN_NUMBER = "一二三四五六七八九十百零〇两"
# a number written at the start of a ###/#### heading, with what separates it from the title
_MANUAL_NUMBER = (
    r"(?m)^(?P<lead>#{3,4}[ \t]+)(?P<number>(?:"
    f"第[{_HAN_NUMBER}\\d]{{1,4}}(?:章|节|部分|篇)[、.．:：]?"
    f"|[（(][{_HAN_NUMBER}\\d]{{1,3}}[)）]"
    f"|[{_HAN_NUMBER}]{{1,3}}[、.．]"
    r"|\d{1,2}(?:[.．]\d{1,2})+[.．]?(?=[ \t])"
    r"|\d{1,2}[.．、)）](?!\d)"
    r")[ \t]*)(?=\S)"
)


def own_chapter_keys(profile: Profile) -> list[str]:
    """Return the keys under ``sections`` that are chapters of the user's own, in the order written."""
    kinds = {c.value for c in Chapter}
    return [key for key in profile.sections if key not in kinds]


def with_own_chapters(keys: list[str], profile: Profile) -> list[str]:
    """Return chapter ``keys`` with the user's own chapters after the ones they follow (at the end if not there)."""
    out = list(keys)
    pending = own_chapter_keys(profile)
    while pending:
        ready = [key for key in pending if profile.sections[key].after in out]
        if not ready:
            return out + pending
        for key in ready:
            at = out.index(str(profile.sections[key].after)) + 1
            while at < len(out) and out[at] in pending and out[at] not in ready:
                at += 1
            out.insert(at, key)
            pending.remove(key)
    return out


def unsupported_markdown(body: str) -> list[str]:
    """Name the kinds of Markdown in ``body`` the plan does not carry (heading, html, image, fence), shown escaped."""
    return [what for pattern, what in _RULES if re.search(pattern, body)]


def manual_numbers(body: str) -> list[tuple[str, str]]:
    """Return each ``###``/``####`` heading of ``body`` that starts with a number of its own: (heading, number)."""
    found = []
    for match in re.finditer(_MANUAL_NUMBER, body):
        end = body.find("\n", match.start())
        line = body[match.start() : end if end != -1 else None]
        found.append((line.lstrip("#").strip(), match.group("number").strip()))
    return found


def body_markdown(body: str) -> str:
    """Return ``body`` with the Markdown the plan does not carry escaped, so it shows as written.

    A ``###``/``####`` heading's own number is taken off: the plan numbers the heading.
    """
    body = re.sub(_MANUAL_NUMBER, lambda m: m.group("lead"), body)
    text = re.sub(r"^( {0,3})(#{1,2})(?=\s)", lambda m: m.group(1) + "\\" + m.group(2), body, flags=re.M)
    text = re.sub(r"<(?=[A-Za-z/!])", r"\\<", text)
    text = re.sub(r"!\[(?=[^\]]*\]\()", r"!\\[", text)
    return re.sub(r"^( {0,3})(```|~~~)", lambda m: m.group(1) + "\\" + m.group(2), text, flags=re.M)


def place_own_chapters(profile: Profile, kept: list[ChapterRef]) -> list[EngineFinding]:
    """Insert the user's own chapters into ``kept`` after the chapters they follow; a finding for each left out."""
    findings: list[EngineFinding] = []
    pending = own_chapter_keys(profile)
    while pending:
        placed = False
        for key in list(pending):
            text = profile.sections[key]
            keys = [ref.key for ref in kept]
            if text.after not in keys:
                continue
            at = keys.index(text.after) + 1
            while at < len(kept) and kept[at].custom and profile.sections[kept[at].key].after == text.after:
                at += 1
            pending.remove(key)
            placed = True
            if not (text.body or "").strip():
                findings.append(
                    _left_out(key, f"chapter {key!r} ({text.title}) has no body, so the plan leaves it out")
                )
                continue
            kept.insert(at, ChapterRef(key=key, title=text.title or key, custom=True))
        if not placed:
            break
    for key in pending:
        after = profile.sections[key].after
        message = f"chapter {key!r} follows {after!r}, which the plan does not hold, so the plan leaves it out"
        findings.append(_left_out(key, message))
    return findings


def _left_out(key: str, message: str) -> EngineFinding:
    return EngineFinding(code="chapter-omitted", severity="error", path=f"sections.{key}", message=message)
