"""A Markdown run compares and hashes as the frozen blocks do: by its fields, and only with another run."""

from __future__ import annotations

import pickle

import pytest

from opsplan.render.mdblocks import Paragraph, Run, plain_run

RUNS = [Run("a"), Run("a", True), Run("b"), plain_run("a"), Run(""), Run("长文本 with text", True)]


@pytest.mark.parametrize("left", RUNS)
@pytest.mark.parametrize("right", RUNS)
def test_runs_compare_and_hash_by_their_fields(left: Run, right: Run) -> None:
    assert (left == right) is ((left.text, left.bold) == (right.text, right.bold))
    assert (left != right) is not (left == right)
    if left == right:
        assert hash(left) == hash(right) == hash((left.text, left.bold))


def test_a_run_is_equal_to_no_other_kind_of_value() -> None:
    run = Run("a")
    assert run != ("a", False)
    assert run != Paragraph((run,))
    assert run.__eq__(("a", False)) is NotImplemented
    assert {run: 1}.get(plain_run("a")) == 1
    assert pickle.loads(pickle.dumps(run)) == run
