"""``--reference-date`` must be a real calendar day: a wrong one (2021-02-30, ``yesterday``) once
left every relative date without a value and exited 0. It is refused with a message instead."""
from __future__ import annotations

import pytest

from extract.cli import build_parser


@pytest.mark.parametrize("command", [["run", "x.txt", "--out", "o"], ["explain", "今天"]], ids=["run", "explain"])
@pytest.mark.parametrize("value", ["2021-02-30", "yesterday", "2021-13-01", "", "20210301x"])
def test_a_date_that_is_not_a_calendar_day_is_refused(command, value, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args([*command, "--reference-date", value])
    assert stopped.value.code == 2
    assert "is not a calendar date" in capsys.readouterr().err


@pytest.mark.parametrize("value, day", [("2021-03-01", "2021-03-01"), ("2020-02-29", "2020-02-29"),
                                        ("2021/3/1", "2021-03-01"), ("2021年3月1日", "2021-03-01")])
def test_a_calendar_day_is_taken_as_yyyy_mm_dd(value, day):
    args = build_parser().parse_args(["run", "x.txt", "--out", "o", "--reference-date", value])
    assert args.reference_date == day
