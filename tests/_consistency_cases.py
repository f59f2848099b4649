"""Cases for the consistency rules (dated work, cross-checks), in the form of ``test_check_profile.CASES``.

Each case is ``(rule, old text, new text, text on the line the finding must point at, words the message
must hold)``: replacing ``old`` with ``new`` in ``CLEAN_PROFILE`` must make exactly that rule fire.

The clean profile starts on 2027-03-01 with horizons at 6 and 12 months, so its window is 2027-03-01 –
2028-02-29. Its schedule: prep.hire days 0–13, prep.setup 14–20, build.launch (3 weeks) 21–41, that is
2027-03-22 – 2027-04-11; milestone M1 closes launch and lands on 2027-04-11.
"""

from __future__ import annotations

LAUNCH = "{id: launch, name: 上线, weeks: 3}"
M1 = "{id: M1, name: 上线, after: [launch],"

CONSISTENCY_CASES: list[tuple[str, str, str, str, str]] = [
    # due 2027-03-25 asks for a start on 03-05 (25 − 20 days), but prep finishes on 03-21: it runs 03-22 – 04-11
    (
        "OPS706",
        LAUNCH,
        "{id: launch, name: 上线, weeks: 3, on: 2027-03-25}",
        "{id: launch",
        "must finish by 2027-03-25 for 2027-03-25, but the tasks it waits for finish on 2027-03-21, so it runs "
        "2027-03-22 – 2027-04-11",
    ),
    # before 2027-03-10: due 03-09, which leaves 9 days from the plan start for a 21-day task
    (
        "OPS707",
        LAUNCH,
        "{id: launch, name: 上线, weeks: 3, before: 2027-03-10}",
        "{id: launch",
        "does not fall in the plan window 2027-03-01 – 2028-02-29 with room for its 21 days",
    ),
    # M1 lands on 2027-04-11, after the due date 2027-03-31 (the day before 2027-04-01)
    (
        "OPS708",
        M1,
        "{id: M1, name: 上线, before: 2027-04-01, after: [launch],",
        "{id: M1",
        "lands on 2027-04-11, after 2027-04-01 (it must be reached by 2027-03-31)",
    ),
    (
        "OPS709",
        M1,
        "{id: M1, name: 上线, on: '521', after: [launch],",
        "{id: M1",
        "'521' names no campaign and is not a date (YYYY-MM-DD); add it to campaigns or use a retail date such "
        "as 520, 618 or 双11; did you mean '520'",
    ),
]
