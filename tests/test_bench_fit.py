"""The bench's fit of a plan's growth (bench/bench_cold.py ``growth_exponent``): y = a + b·kᵖ, p reported."""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cold", REPO / "bench" / "bench_cold.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules["bench_cold"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def growth_exponent(bench: ModuleType) -> object:
    return bench.growth_exponent


def test_linear_growth_over_a_fixed_cost_reads_one(growth_exponent):
    # 500 ms paid whatever the length, 20 ms a copy: 520, 580, 820, 1780 at 1×, 4×, 16×, 64×
    assert growth_exponent([(1, 520), (4, 580), (16, 820), (64, 1780)]) == pytest.approx(1.0, abs=0.005)


def test_growth_with_the_square_of_the_length_reads_two(growth_exponent):
    # 300 + 2·k²: 302, 332, 812, 8492
    assert growth_exponent([(1, 302), (4, 332), (16, 812), (64, 8492)]) == pytest.approx(2.0, abs=0.005)


def test_a_4x_run_within_the_noise_of_the_1x_run_does_not_bend_the_fit(growth_exponent):
    # 20 ms a copy from 580 ms at 1× (16×: 880, 64×: 1840), but the 4× run came out 2 ms under the 1× run:
    # the log-log fit of the time above 1× put this at well over 1.1; in milliseconds it stays near linear
    p = growth_exponent([(1, 580), (4, 578), (16, 880), (64, 1840)])
    assert 0.95 <= p <= 1.05


def test_no_growth_has_no_exponent(growth_exponent):
    assert growth_exponent([(1, 500), (4, 500), (16, 500), (64, 500)]) is None
    assert growth_exponent([(1, 900), (4, 800), (16, 700), (64, 600)]) is None


def test_a_busy_spell_on_the_small_sizes_does_not_bend_the_fit_of_the_fastest_runs(bench: ModuleType) -> None:
    # 180 ms + 8 ms a copy (188, 212, 308, 692 ms at 1×, 4×, 16×, 64×), three runs a size; another process slowed
    # two of the three runs at 1× and 4× by 60 ms: their medians read as growth over 1.1, the fastest runs as linear
    cost = {1: 188, 4: 212, 16: 308, 64: 692}
    slowed = {1: (60, 60, 0), 4: (0, 60, 60), 16: (0, 0, 0), 64: (0, 0, 0)}
    runs = {k: [bench.Run((cost[k] + extra) / 1000, 50, (cost[k] + extra) / 1000) for extra in slowed[k]] for k in cost}
    medians = [(k, statistics.median(r.seconds for r in runs[k]) * 1000) for k in cost]
    assert bench.growth_exponent(medians) > 1.1
    for cpu in (False, True):
        fastest = [(k, bench.fastest(runs[k], cpu=cpu)) for k in cost]
        assert bench.growth_exponent(fastest) == pytest.approx(1.0, abs=0.01)


def test_the_instruction_count_is_read_from_callgrinds_report(bench: ModuleType) -> None:
    report = (
        "==8470== Events    : Ir\n==8470== Collected : 2866290690\n==8470== \n==8470== I   refs:      2,866,290,690"
    )
    assert bench.collected(report) == 2_866_290_690
    with pytest.raises(ValueError):
        bench.collected("==8470== For interactive control, run 'callgrind_control -h'.\n")
