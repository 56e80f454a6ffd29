"""The 认定管理办法 as a lifecycle scheme: status of a park on a date, computed by hand from the
办法's clauses (第十条-第十四条) and the 2020 名录 of the seed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import parkscore
from parkscore.cli import main
from parkscore.dsl.scheme import parse_scheme
from parkscore.engine.lifecycle.status import parse_day

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "examples" / "histories" / "green-park-roster-2020.yaml"
SCHEME = "cpcif-green-park-designation@2020-trial"


def _one(park: str, on: str, history: Path = ROSTER) -> parkscore.api.StatusReport:
    reports = parkscore.status(SCHEME, history, date.fromisoformat(on), park)
    assert len(reports) == 1
    return reports[0]


def test_roster_has_the_twenty_parks_of_the_2020_notice() -> None:
    reports = parkscore.status(SCHEME, ROSTER, date(2020, 12, 31))
    assert len(reports) == 20  # 6 + 6 listed (附件1), 8 创建单位 (附件2)
    assert sum(r.latest.state.id == "listed" for r in reports) == 12
    assert sum(r.latest.state.id == "candidate" for r in reports) == 8


def test_shangyu_first_batch_2019() -> None:
    # 第一批（2019年通过）: valid 3 years (第十一条): until 2021-12-31 (decided 2019-01-01) or 2022-12-30 (decided 2019-12-31)
    mid = _one("上虞", "2020-06-30")
    assert mid.earliest.state.id == mid.latest.state.id == "listed" and mid.earliest.holds_title and mid.latest.holds_title
    assert (mid.earliest.until, mid.latest.until) == (date(2021, 12, 31), date(2022, 12, 30))
    late = _one("上虞", "2022-12-31")
    assert late.earliest.expired and late.latest.expired and not late.latest.holds_title
    assert [d.what for d in late.latest.dues if d.recorded is None] == ["re_review"]  # 第十二条: 复核认定 due
    assert [d.recorded for d in late.latest.dues if d.what == "annual_report"] == [False, False, False]  # not recorded, 3 years


def test_second_batch_2020_depends_on_the_day() -> None:
    # 第二批（2020年通过）on 2020-06-30: listed if decided in the first half of 2020, not yet if on 2020-12-31
    r = _one("石家庄", "2020-06-30")
    assert r.uncertain and r.earliest.state.id == "listed" and r.latest.state.id == "applicant"
    r = _one("东营港", "2022-12-31")
    assert r.earliest.holds_title and r.latest.holds_title  # until 2022-12-31 / 2023-12-30
    r = _one("东营港", "2024-12-31")
    assert r.earliest.expired and r.latest.expired and not r.uncertain or r.earliest.until != r.latest.until


def test_status_steps_cite_clause_and_rule_line() -> None:
    r = _one("上虞", "2022-12-31")
    designated, ended = r.latest.steps
    assert designated.clause == "第十条(一)" and designated.where is not None and designated.where.endswith("designation.pks:40")
    assert ended.what == "validity ended" and ended.clause == "第十一条" and ended.on == date(2022, 12, 31)


def _history(tmp_path: Path, events: str) -> Path:
    p = tmp_path / "h.yaml"
    p.write_text(f"scheme: {SCHEME}\npark: 示例园区\nevents:\n{events}", encoding="utf-8")
    return p


def test_candidate_renewed_once_then_cancelled(tmp_path: Path) -> None:
    # 第十条(二): 创建期一年; a failed review gives one more year; failing again cancels
    h = _history(tmp_path, """\
  - {event: designated_candidate, date: "2020-03-01"}
  - {event: expert_review_failed, date: "2021-03-01"}
  - {event: expert_review_failed, date: "2022-02-15"}
""")
    r = _one("示例", "2021-06-30", h)
    assert r.latest.state.id == "candidate" and r.latest.until == date(2022, 2, 28) and not r.uncertain
    r = _one("示例", "2022-06-30", h)
    assert r.latest.state.id == "cancelled" and not r.latest.holds_title


def test_candidate_passing_review_is_listed_by_the_next_years_roster(tmp_path: Path) -> None:
    """Issue 28.2, 第十条(二) (seed 782: "将优先列入下一年'绿色化工园区名录'"): the review does not
    list the park; the next year's 名录 does, and the three years run from that decision."""
    h = _history(tmp_path, """\
  - {event: designated_candidate, date: "2020-03-01"}
  - {event: expert_review_passed, date: "2021-02-20"}
  - {event: designated_listed, date: "2022-01-10"}
  - {event: annual_report, date: "2022-12-15"}
""")
    waiting = _one("示例", "2021-06-30", h)
    assert waiting.latest.state.id == "review_passed" and not waiting.latest.holds_title
    r = _one("示例", "2024-06-30", h)
    assert r.latest.state.id == "listed" and r.latest.since == date(2022, 1, 10) and r.latest.until == date(2025, 1, 9)
    reports = [d.recorded for d in r.latest.dues if d.what == "annual_report" and d.recorded is not None]
    assert reports == [True, False]  # year to 2023-01-10 recorded; year to 2024-01-10 not


def test_fraud_revokes_and_bars_applications_for_three_years(tmp_path: Path) -> None:
    # 第十三条: 撤销 and 三年内不再受理该单位的申请
    h = _history(tmp_path, """\
  - {event: designated_listed, date: "2019-05-01"}
  - {event: fraud, date: "2020-01-10"}
  - {event: new_application, date: "2021-05-01"}
""")
    r = _one("示例", "2021-06-30", h)
    assert r.latest.state.id == "revoked" and r.latest.barred_until == date(2023, 1, 10)
    assert r.latest.steps[-1].outcome.startswith("refused")


def test_major_incident_revokes_a_listed_park(tmp_path: Path) -> None:
    h = _history(tmp_path, """\
  - {event: designated_listed, date: "2019-05-01"}
  - {event: major_incident, date: "2020-08-01", source: "应急管理部通报"}
""")
    assert _one("示例", "2020-12-31", h).latest.state.id == "revoked"


def test_an_incident_after_the_validity_ended_does_not_revoke(tmp_path: Path) -> None:
    """Issue 28.1, 第十四条 (seed 794-797: "在有效期内的绿色化工园区，若发现…将撤销"): listed on
    2019-03-01, valid until 2022-02-28; an incident on 2022-06-01 is after it."""
    h = _history(tmp_path, """\
  - {event: designated_listed, date: "2019-03-01"}
  - {event: major_incident, date: "2022-06-01"}
""")
    r = _one("示例", "2022-12-31", h)
    assert r.latest.state.id == "listed" and r.latest.expired
    assert r.latest.steps[-1].outcome == "no effect: the validity of listed ended on 2022-02-28, and this applies while it is valid"
    within = _history(tmp_path, """\
  - {event: designated_listed, date: "2019-03-01"}
  - {event: major_incident, date: "2022-02-28"}
""")
    assert _one("示例", "2022-12-31", within).latest.state.id == "revoked"


def test_a_recorded_incident_answers_the_no_incident_condition(tmp_path: Path) -> None:
    """Issue 28.3, 第七条(五) (seed 760: 近一年未发生重大…事故): revoked for an incident, re-applying two
    months later, the condition was "not recorded"; the incident in the history says "NOT met"."""
    h = _history(tmp_path, """\
  - {event: designated_listed, date: "2020-01-10"}
  - {event: major_incident, date: "2021-03-01"}
  - {event: new_application, date: "2021-05-01"}
""")
    conds = {c[0]: c[3] for c in _one("示例", "2021-06-30", h).conditions}
    assert conds["no_major_incident_last_year"] == "NOT met" and conds["lawful_setup"] == "not recorded"
    later = _history(tmp_path, """\
  - {event: designated_listed, date: "2020-01-10"}
  - {event: major_incident, date: "2021-03-01"}
  - {event: new_application, date: "2022-05-01", conditions: {no_major_incident_last_year: true}}
""")
    assert {c[0]: c[3] for c in _one("示例", "2022-06-30", later).conditions}["no_major_incident_last_year"] == "met"


def test_history_errors_are_positioned(tmp_path: Path) -> None:
    h = _history(tmp_path, """\
  - {event: designated_listd, date: "2019"}
  - {event: designated_listed, date: "2019-13-01"}
""")
    with pytest.raises(parkscore.DiagnosticError) as exc:
        parkscore.status(SCHEME, h, date(2020, 1, 1))
    text = str(exc.value)
    assert "h.yaml:4:" in text and "H110" in text and "designated_listed" in text  # the closest name
    assert "h.yaml:5:" in text and "H120" in text


def test_scheme_errors_are_collected() -> None:
    src = 'scheme "x" version "1"\nstate a "A"\nevent e "E"\n  from a -> b clause "1"\n'
    with pytest.raises(parkscore.DiagnosticError) as exc:
        parse_scheme(src, "x.pks")
    codes = sorted(d.code for d in exc.value.diagnostics)
    assert codes == ["E110", "E600"]


def test_days() -> None:
    assert (parse_day("2019").earliest, parse_day("2019").latest) == (date(2019, 1, 1), date(2019, 12, 31))  # type: ignore[union-attr]
    assert parse_day("2020-02").latest == date(2020, 2, 29)  # type: ignore[union-attr]
    assert parse_day("2019-02-30") is None and parse_day("19") is None


def test_cli_status_text_and_json() -> None:
    r = CliRunner().invoke(main, ["status", str(ROSTER), "--on", "2024-12-31", "--park", "石家庄"])
    assert r.exit_code == 0, r.output
    assert "validity ended" in r.output and "第十一条" in r.output and "reading of ours" in r.output
    r = CliRunner().invoke(main, ["status", str(ROSTER), "--on", "2024-12-31", "--park", "东营港", "--format", "json"])
    data = parkscore.api.loads(r.output)
    assert data["schema"] == "parkscore.status/1" and data["parks"][0]["latest"]["expired"] is True
    r = CliRunner().invoke(main, ["status", str(ROSTER), "--on", "2024"])
    assert r.exit_code != 0 and "not a day" in r.output


def test_status_of_a_roster_starts_with_a_table_of_every_park() -> None:
    """Issue 25.10: 625 lines for the roster and no summary."""
    result = CliRunner().invoke(main, ["status", str(ROSTER), "--on", "2021-06-30"])
    assert result.exit_code == 0
    head = result.output.split("\n\n")[0].splitlines()
    assert head[0].startswith("20 park(s) on 2021-06-30") and len(head) == 3 + 20
    assert any("杭州湾上虞经济技术开发区" in ln and "listed" in ln and ln.rstrip().endswith("yes") for ln in head)


def test_the_scheme_follows_the_banfa_article_by_article() -> None:
    """Issue 28.5–8, against the 认定管理办法 as the seed prints it: 第三条 (seed 734: 经省级及以上人民政府
    批准设立或认定备案的专业化工园区…) is a condition; 第十三条 (790–791: 不正当方法, 三年内不再受理) and 第十四条(一)
    (794–796: 在有效期内…情况不属实, 撤销, no bar) are two events; what is not encoded, the 创建单位's title
    (776, 780: 绿色化工园区(创建单位)) and re-application are readings of ours, shown in every status."""
    scheme = parkscore.load_scheme("cpcif-green-park-designation@2020-trial")
    assert {c.id: c.clause.text for c in scheme.conditions}["chemical_park"] == "第三条"
    events = {e.id: e for e in scheme.events}
    (fraud,) = events["fraud"].transitions
    (untrue,) = events["found_untrue"].transitions
    assert fraud.clause.text == "第十三条" and fraud.bar is not None and not fraud.while_valid
    assert untrue.clause.text == "第十四条(一)" and untrue.bar is None and untrue.while_valid and untrue.target == "revoked"
    readings = " ".join(scheme.readings)
    assert "第十五至十八条" in readings and "第九条 (文件审核, 综合评审, 公示, 异议复核)" in readings
    assert "绿色化工园区(创建单位)" in readings and "re-applying after 撤销 or 取消创建资格 is our reading" in readings
    history = ROOT / "examples" / "histories" / "green-park-roster-2020.yaml"
    text = CliRunner().invoke(main, ["status", str(history), "--on", "2021-06-01", "--park", "上海化学工业区"]).output
    assert text.count("reading of ours:") == len(scheme.readings) == 7
    assert "application conditions (第三条, 第七条): not recorded in the history" in text


def test_check_and_lint_read_schemes_as_they_read_standards(tmp_path: Path) -> None:
    """Issue 28 (also): `parkscore check` of the designation scheme was E010, or 20 syntax errors on its folder."""
    for target in ("cpcif-green-park-designation@2020-trial", str(ROOT / "standards" / "cpcif-green-park-designation" / "2020-trial")):
        r = CliRunner().invoke(main, ["check", target])
        assert r.exit_code == 0 and f"0 error(s), 0 warning(s) in {target}" in r.output
    assert CliRunner().invoke(main, ["lint", "cpcif-green-park-designation@2020-trial"]).exit_code == 0
    bad = tmp_path / "scheme.pks"
    bad.write_text('scheme "x" version "1"\nstate a "A" initial\nevent e "E"\n  from a -> b clause "1"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(bad)])
    assert r.exit_code == 1 and f"{bad}:4:3: error[E110]: event e: 'b' is not a state" in r.output


def test_after_the_second_founding_year_only_listing_or_cancellation_can_follow(tmp_path: Path) -> None:
    """Issue 28.8, 第十条(二) (seed 782: 再给予一年创建期; 创建期满仍未能通过专家评议将取消其创建资格): once the
    second 创建期 has run out, the status says what can follow — passing the review, or cancellation —
    not only a review "due" year after year."""
    history = tmp_path / "candidate.yaml"
    history.write_text('scheme: cpcif-green-park-designation@2020-trial\npark: 示例创建单位\nevents:\n'
                       '  - {event: designated_candidate, date: "2020-03-01"}\n  - {event: expert_review_failed, date: "2021-03-01"}\n',
                       encoding="utf-8")
    (report,) = parkscore.api.status("cpcif-green-park-designation@2020-trial", history, "2023-06-01")
    assert report.earliest.expired and report.earliest.state.id == "candidate"
    assert dict(report.earliest.outcomes) == {"expert_review_passed": "review_passed", "expert_review_failed": "cancelled", "fraud": "revoked"}
    text = CliRunner().invoke(main, ["status", str(history), "--on", "2023-06-01"]).output
    assert "what can follow now: expert_review_passed -> review_passed; expert_review_failed -> cancelled; fraud -> revoked" in text


def test_after_the_listing_expired_a_re_review_can_follow_and_what_acts_only_while_valid_cannot(tmp_path: Path) -> None:
    """第十二条 (三年有效期过后…复核认定) and 第十四条 (在有效期内…撤销): once the three years have run out, the
    re-review (passed: listed again, renewed; failed: off the list) and 第十三条's fraud can follow; an
    incident or untrue information found then no longer revokes (issue 28.1), so it is not offered."""
    h = _history(tmp_path, """\
  - {event: designated_listed, date: "2019-03-01"}
""")
    r = _one("示例", "2022-12-31", h)
    assert r.latest.expired and dict(r.latest.outcomes) == {"re_review_passed": "listed", "re_review_failed": "applicant", "fraud": "revoked"}
