"""The profile's currency: RMB, 人民币 and 元 are read as CNY; a code outside ISO 4217 is refused with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.formatting import money
from opsplan.load import load_profile
from tests._check_helpers import CLEAN_PROFILE, line_of

PLAN_LINE = "  kind: custom\n"


def _with_currency(tmp_path: Path, currency: str) -> Path:
    assert PLAN_LINE in CLEAN_PROFILE
    path = tmp_path / "shop.yaml"
    path.write_text(CLEAN_PROFILE.replace(PLAN_LINE, f"  currency: '{currency}'\n{PLAN_LINE}", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["RMB", "rmb", " RMB ", "人民币", "元", "¥", "￥", "CNY", "cny"])
def test_the_renminbi_by_any_common_name_is_cny(tmp_path: Path, written: str) -> None:
    profile = load_profile(_with_currency(tmp_path, written))
    assert profile.plan.currency == "CNY"
    # shown as CNY is shown: 400,000 is 40 × 10,000 (40万元) in Chinese, 400,000 in English
    assert money("zh-CN", 400_000, profile.plan.currency) == "40万元"
    assert money("en", 400_000, profile.plan.currency) == "CNY 400,000"


@pytest.mark.parametrize(("written", "code"), [("USD", "USD"), ("hkd", "HKD"), ("ＥＵＲ", "EUR")])
def test_an_iso_code_is_kept_in_capitals(tmp_path: Path, written: str, code: str) -> None:
    assert load_profile(_with_currency(tmp_path, written)).plan.currency == code


@pytest.mark.parametrize(
    ("written", "en", "zh"),
    [
        (
            "CYN",
            "'CYN' is not an ISO 4217 currency code; did you mean CNY?",
            "“CYN”不是 ISO 4217 币种代码；是不是 CNY？",
        ),
        (
            "UDS",
            "'UDS' is not an ISO 4217 currency code; did you mean USD?",
            "“UDS”不是 ISO 4217 币种代码；是不是 USD？",
        ),
        (
            "XXX",
            "'XXX' is not an ISO 4217 currency code; write a three-letter code such as CNY, USD or HKD",
            "“XXX”不是 ISO 4217 币种代码；请写三个字母的代码，例如 CNY、USD 或 HKD",
        ),
        (
            "美金币",
            "'美金币' is not an ISO 4217 currency code; write a three-letter code",
            "“美金币”不是 ISO 4217 币种代码；请写三个字母的代码",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_anything_else_is_refused_at_its_line(tmp_path: Path, written: str, en: str, zh: str, lang: str) -> None:
    path = _with_currency(tmp_path, written)
    result = CliRunner().invoke(app, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 2
    line = line_of(path.read_text(encoding="utf-8"), "  currency:")
    assert f"shop.yaml:{line}:13: plan.currency: {en if lang == 'en' else zh}" in result.output
