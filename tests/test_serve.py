"""``opsplan serve`` without a browser: findings placed by chapter, the version that drives reloads, the server."""

from __future__ import annotations

import http.client
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsplan.check.findings import Finding
from opsplan.check.rule import Severity
from opsplan.serve.page import PreviewState, findings_by_chapter, place_findings, preview_page
from opsplan.serve.plan_page import ServeOptions, build
from opsplan.serve.server import is_loopback, listen, make_handler
from tests._hardening_helpers import HANG_LIMIT
from tests._serve_helpers import shows

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"


def _finding(rule: str, chapter: str, message: str = "m", severity: Severity | None = None) -> Finding:
    return Finding(rule, message, "shop.yaml", 12, 3, "content.pillars[0].share", chapter=chapter, severity=severity)


def test_findings_are_split_by_the_chapters_the_plan_shows() -> None:
    content, goals, dropped, whole = (
        _finding("OPS501", "content"),
        _finding("OPS620", "goals"),
        _finding("OPS301", "supply"),
        _finding("OPS001", ""),
    )
    placed, rest = findings_by_chapter([content, goals, dropped, whole], ["goals", "content"])
    # supply is not among the plan's chapters and "" is the file as a whole: both only in the list at the top
    assert placed == {"content": [content], "goals": [goals]}
    assert rest == [dropped, whole]


PAGE = (
    "<style>\n</style>\n<body>\n<main>\n"
    '<section class="chapter" id="h1">\n<h2>一、行业背景</h2>\n<p>x</p>\n</section>\n'
    '<section class="chapter" id="h2">\n<h2>二、内容矩阵 &lt;A&gt;</h2>\n<p>y</p>\n</section>\n'
    "</main>\n</body>\n"
)


def test_a_chapters_findings_follow_its_heading_numbered_or_not() -> None:
    chapters = [("background", "行业背景"), ("content", "内容矩阵 <A>")]
    page = place_findings(PAGE, chapters, [_finding("OPS501", "content", "shares <b>sum</b> to 120%")])
    second = page.index('id="h2"')
    aside = page.index('<aside class="pv-chapter" data-chapter="content">')
    assert second < aside < page.index("<p>y</p>")  # under the content heading, before the chapter's text
    assert page.count("<aside") == 1  # background has no findings: nothing added there
    assert "shares &lt;b&gt;sum&lt;/b&gt; to 120%" in page and "<b>" not in page  # profile text stays text
    assert "shop.yaml:12:3 (content.pillars[0].share)" in page


def test_the_preview_marks_a_draft_and_lists_every_finding_at_the_top() -> None:
    findings = [_finding("OPS501", "content"), _finding("OPS107", "", severity=Severity.INFO)]
    page = preview_page(PAGE, [("content", "内容矩阵 <A>")], findings, zh=True)
    top = page[page.index("<main>") : page.index('id="h1"')]
    assert "草稿：检查发现 1 个错误" in top  # one error; the info finding does not count
    assert top.count("<li ") == 2 and "检查发现（2）" in top
    assert 'fetch("/version"' in page  # the page polls for a new version
    clean = preview_page(PAGE, [], [], zh=False)
    assert "The check finds no errors" in clean and "DRAFT" not in clean


def test_the_version_moves_only_when_the_page_changes() -> None:
    state = PreviewState(zh=False)
    assert state.snapshot().version == 0 and b"No plan has loaded yet" not in state.snapshot().page
    state.loaded(preview_page(PAGE, [], [], zh=False), zh=False)
    assert state.snapshot().version == 1
    state.loaded(preview_page(PAGE, [], [], zh=False), zh=False)  # a save that changes nothing
    assert state.snapshot().version == 1
    state.failed("shop.yaml:4:7: mapping values are not allowed <here>")
    shown = state.snapshot()
    assert shown.version == 2
    text = shown.page.decode("utf-8")
    # the banner, escaped, above the last good plan, which stays
    assert "shop.yaml:4:7: mapping values are not allowed &lt;here&gt;" in text
    assert "the last plan built is shown below" in text and "<p>y</p>" in text
    state.failed("shop.yaml:4:7: mapping values are not allowed <here>")
    assert state.snapshot().version == 2
    state.loaded(preview_page(PAGE, [], [], zh=False), zh=False)  # fixed: the banner goes
    assert state.snapshot().version == 3 and b'pv-banner"' not in state.snapshot().page


def test_each_page_carries_its_own_version_so_a_change_while_it_loads_is_not_missed() -> None:
    # the page used to take the version from its first /version poll: a build finishing between the page's
    # load and that poll left the page on the old plan (or its banner) until the next save
    state = PreviewState(zh=False)
    assert b'var seen = "0";' in state.snapshot().page
    state.loaded(preview_page(PAGE, [], [], zh=False), zh=False)
    state.failed("shop.yaml:4:7: bad")
    shown = state.snapshot()
    assert shown.version == 2 and shown.page.count(b'var seen = "2";') == 1
    state.failed("shop.yaml:4:7: bad")  # the same page: the same version
    assert state.snapshot() == shown


def test_a_profile_that_never_loaded_shows_only_the_banner() -> None:
    state = PreviewState(zh=True)
    state.failed("shop.yaml:1:1: 空文件")
    text = state.snapshot().page.decode("utf-8")
    assert "尚无可显示的方案" in text and "shop.yaml:1:1: 空文件" in text


def test_a_build_shows_the_plan_then_keeps_it_under_the_banner(tmp_path: Path) -> None:
    shop = tmp_path / "shop.yaml"
    shutil.copyfile(EXAMPLE, shop)
    text = shop.read_text(encoding="utf-8")
    # content.pillars[0].share 0.3 → 0.5: the shares sum to 1.2, an OPS501 error in the content chapter
    shop.write_text(text.replace("      share: 0.3\n", "      share: 0.5\n", 1), encoding="utf-8")
    state = PreviewState(zh=False)
    outcome = build(shop, ServeOptions(), state)
    assert outcome.ok and shop.resolve() in outcome.files
    page = state.snapshot().page.decode("utf-8")
    aside = page.index('<aside class="pv-chapter" data-chapter="content">')
    assert "OPS501" in page[aside : page.index("</aside>", aside)]
    # OPS501 on the shares, and OPS510 on content.strategy, which states them by reference
    assert re.search(r"DRAFT: the check finds [12] error\(s\)", page)
    shop.write_text(text.replace("\nshop:\n", "\nshop:\n  name: [unclosed\n", 1), encoding="utf-8")
    assert not build(shop, ServeOptions(), state).ok
    broken = state.snapshot().page.decode("utf-8")
    assert f"{shop}:" in broken[broken.index("pv-banner") :] and "OPS501" in broken  # file:line, last plan kept


@pytest.fixture
def server() -> Iterator[tuple[PreviewState, int]]:
    state = PreviewState(zh=False)
    state.loaded(preview_page(PAGE, [], [], zh=False), zh=False)
    httpd = listen("127.0.0.1", 0, make_handler(state, frozenset()))
    port = httpd.server_address[1]
    httpd.RequestHandlerClass = make_handler(state, frozenset({f"127.0.0.1:{port}"}))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield state, port
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_LIMIT)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_the_server_answers_the_page_and_its_version_only(server: tuple[PreviewState, int]) -> None:
    state, port = server
    assert _get(port, "/") == (200, state.snapshot().page)
    assert _get(port, "/version?t=1") == (200, b"1")
    for path in ("/../shop.yaml", "/shop.yaml", "/etc/passwd", "/version/"):
        assert _get(port, path)[0] == 404
    assert _get(port, "/", host="attacker.example:80")[0] == 421  # a rebound name cannot read the preview
    state.failed("broken")
    assert _get(port, "/version") == (200, b"2")


def test_a_taken_port_is_a_clear_error(server: tuple[PreviewState, int]) -> None:
    from opsplan.errors import InputError

    _, port = server
    with pytest.raises(InputError, match=rf"--port {port}: .*--port 0"):
        listen("127.0.0.1", port, make_handler(PreviewState(zh=False), frozenset()))


@pytest.mark.parametrize(
    ("host", "loopback"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
                           ("0.0.0.0", False), ("192.168.1.4", False), ("example.com", False)]
)  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_messages_are_in_both_languages_with_the_same_placeholders(server: tuple[PreviewState, int]) -> None:
    from opsplan import i18n
    from opsplan.errors import InputError
    from opsplan.serve.plan_page import _SAY

    for key, (en, zh) in _SAY.items():
        assert i18n.placeholders(en) == i18n.placeholders(zh), key
    _, port = server
    with i18n.use("zh-CN"), pytest.raises(InputError, match=rf"--port {port}：.*--port 0"):
        listen("127.0.0.1", port, make_handler(PreviewState(zh=True), frozenset()))


def test_a_change_to_an_extended_file_or_a_template_rebuilds_the_preview(tmp_path: Path) -> None:

    from opsplan.serve.watch import Watcher

    base = tmp_path / "base.yaml"
    shutil.copyfile(EXAMPLE, base)
    shop = tmp_path / "shop.yaml"
    shop.write_text("extends: base.yaml\nshop:\n  name: Child Shop\n", encoding="utf-8")
    templates = tmp_path / "tpl" / "en"
    templates.mkdir(parents=True)
    outcomes = REPO / "templates" / "en" / "outcomes.md.j2"
    (templates / outcomes.name).write_text(outcomes.read_text(encoding="utf-8"), encoding="utf-8")
    options = ServeOptions(templates=tmp_path / "tpl")
    state = PreviewState(zh=False)
    first = build(shop, options, state)
    assert first.files == {shop.resolve(), base.resolve()}  # the file it extends is watched too
    watcher = Watcher(shop, options, state, first)
    watcher.start()

    try:
        assert shows(watcher, "Child Shop")
        text = base.read_text(encoding="utf-8")
        assert text.count("  strategy: Content is built") == 1
        base.write_text(text.replace("  strategy: Content is built", "  strategy: Edited content is built"), "utf-8")
        assert shows(watcher, "Edited content is built")
        page = (templates / outcomes.name).read_text(encoding="utf-8")
        (templates / outcomes.name).write_text(page.replace("### Results by horizon", "### Edited"), "utf-8")
        assert shows(watcher, "Edited</h3>")
        base.write_text("version: [\n", "utf-8")  # the file it extends breaks: the banner names it, then its fix
        assert shows(watcher, 'id="pv-banner"><strong>The plan cannot be built (an error in the profile or a template)')
        assert str(base) in state.snapshot().page.decode("utf-8")
        base.write_text(text, "utf-8")
        assert shows(watcher, 'id="pv-banner"', present=False) and shows(watcher, "Child Shop")
    finally:
        watcher.close()
    assert not any(thread.is_alive() for thread in watcher.threads)


def test_a_chinese_plans_findings_are_in_chinese_and_a_chosen_language_holds_in_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsplan import i18n
    from opsplan.serve.watch import Watcher

    for name in ("OPSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    shop = tmp_path / "shop.yaml"
    text = (REPO / "examples" / "douyin-flowers.zh-CN.yaml").read_text(encoding="utf-8")
    assert text.count("      share: 0.3\n") >= 1
    shop.write_text(text.replace("      share: 0.3\n", "      share: 0.5\n", 1), encoding="utf-8")
    state = PreviewState(zh=False)
    first = build(shop, ServeOptions(), state)
    page = state.snapshot().page.decode("utf-8")
    assert "内容支柱的占比" in page and "草稿：检查发现" in page  # nothing chosen: the profile's plan.locale
    with i18n.use("en"):  # --lang en: the findings in English, in the watcher's thread too
        watcher = Watcher(shop, ServeOptions(), state, first)
        watcher.start()
    try:
        shop.write_text(text.replace("      share: 0.3\n", "      share: 0.6\n", 1), encoding="utf-8")
        assert shows(watcher, "content pillar shares")  # built as serve's main loop does, outside the chosen language
    finally:
        watcher.close()


def test_the_render_stage_loads_a_profile_into_its_plan_and_sources_or_names_the_error(tmp_path: Path) -> None:
    from opsplan.errors import ProfileError
    from opsplan.render.loaded import load_profile_plan

    base = tmp_path / "base.yaml"
    shutil.copyfile(EXAMPLE, base)
    shop = tmp_path / "shop.yaml"
    shop.write_text("extends: base.yaml\nshop:\n  name: Child Shop\n", encoding="utf-8")
    loaded = load_profile_plan(shop)
    assert loaded.plan.profile.shop.name == "Child Shop" and loaded.profile.shop.name == "Child Shop"
    assert loaded.sources == {shop.resolve(), base.resolve()}
    # a reference that names no value: refused at its line (3) and column (16, where the value starts)
    shop.write_text("extends: base.yaml\nshop:\n  positioning: ${shop.nmae} sells flowers\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=rf"{shop}:3:16: shop\.positioning: .*shop\.nmae"):
        load_profile_plan(shop)
