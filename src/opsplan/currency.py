"""The profile's currency: an ISO 4217 code, with the names people use for the renminbi read as CNY.

``RMB``, 人民币, 元 and ¥ are what a Chinese plan calls its money; they are read as ``CNY`` and the plan shows it
as it shows CNY (200万元, CNY 2.0M). Any other value must be a code of ISO 4217 (as Babel lists them, the test
codes XXX and XTS excepted): a typo such as ``CYN`` is refused with the code it most likely meant.
"""

from __future__ import annotations

import unicodedata

from opsplan.i18n import Catalogue, say

CNY = "CNY"
RENMINBI = frozenset(("RMB", "人民币", "元", "¥", "￥", "RMB¥", "CN¥"))
# the codes plans for Chinese shops use most: no need to load Babel's list for them, and the first guesses
COMMON = ("CNY", "HKD", "USD", "EUR", "JPY", "GBP", "TWD", "MOP", "SGD", "KRW", "AUD", "CAD", "MYR", "THB")
_NOT_MONEY = frozenset(("XXX", "XTS"))  # ISO's "no currency" and "testing" codes

CURRENCY: Catalogue = {
    "not_iso": (
        "{value!r} is not an ISO 4217 currency code{hint}",
        "“{value}”不是 ISO 4217 币种代码{hint}",
    ),
    "did_you_mean": ("; did you mean {code}?", "；是不是 {code}？"),
    "write_code": (
        "; write a three-letter code such as CNY, USD or HKD (RMB and 人民币 are read as CNY)",
        "；请写三个字母的代码，例如 CNY、USD 或 HKD（RMB、人民币也读作 CNY）",
    ),
}


def read_currency(value: object) -> object:
    """Return the ISO 4217 code ``value`` names (RMB, 人民币, 元 as CNY); raise ``ValueError`` for any other text."""
    if not isinstance(value, str):
        return value
    code = unicodedata.normalize("NFKC", value).strip().upper()
    if code in RENMINBI or value.strip() in RENMINBI:
        return CNY
    if code in COMMON or (code not in _NOT_MONEY and code in _iso_codes()):
        return code
    raise ValueError(say(CURRENCY, "not_iso", value=value, hint=_hint(code)))


def _iso_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _hint(code: str) -> str:
    """Return the did-you-mean for ``code``: a common code with the same letters first (CYN → CNY)."""
    same_letters = [known for known in COMMON if sorted(known) == sorted(code)]
    from difflib import get_close_matches  # only when a name is unknown

    close = same_letters or get_close_matches(code, COMMON, n=1, cutoff=0.6)
    if not close and len(code) == 3 and code.isalpha():
        money = sorted(known for known in _iso_codes() if not known.startswith("X"))  # X…: metals, funds, tests
        close = get_close_matches(code, money, n=1, cutoff=0.6)
    return say(CURRENCY, "did_you_mean", code=close[0]) if close else say(CURRENCY, "write_code")
