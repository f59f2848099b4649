"""``opsplan track``: actuals against the plan, status, re-forecast and the 复盘 report (BRIEF §10)."""
