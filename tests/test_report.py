"""medialit.analysis.report: the findings on any text, as data and as plain text."""

import json

import pytest

from medialit.analysis.report import WARNING, analyse_text, format_report

TEXT = (
    "Council backs bus plan – Mayor Ana Ruiz\n"
    "The council approved the plan on Tuesday after a long debate.\n"
    "“This is a good day for the city,” Ruiz said.\n"
    "Critics said the so-called reform would cost too much.\n"
)


@pytest.fixture(scope="module")
def report():
    return analyse_text(TEXT)


def test_report_holds_the_four_findings_with_offsets_into_the_text(report):
    assert report["note"].endswith(WARNING) and "can be wrong" in report["note"]
    assert {s["name"] for s in report["sources"]} == {"Ana Ruiz", "Critics"}
    said = {(a["kind"], a["speaker"]) for a in report["attributions"]}
    assert ("direct", "Ana Ruiz") in said and ("indirect", "Critics") in said
    for item in report["attributions"] + report["unattributed"] + report["framing"]:
        key = "content" if "content" in item else "text"
        assert TEXT[item["start"] : item["end"]] == item[key]
    assert [u["text"] for u in report["unattributed"]] == [
        "The council approved the plan on Tuesday after a long debate."
    ]
    assert any(d["category"] == "so_called" and d["alternative"] for d in report["framing"])
    assert report["counts"] == {
        "characters": len(TEXT),
        "sources": 2,
        "attributions": len(report["attributions"]),
        "unattributed": 1,
        "framing": len(report["framing"]),
    }


def test_report_is_plain_json(report):
    assert json.loads(json.dumps(report)) == report


def test_plain_text_opens_with_the_warning_and_numbers_each_finding(report):
    out = format_report(report)
    assert out.splitlines()[2] == WARNING
    assert "Attributions (" in out and "1. [" in out
    assert "direct quote, Ana Ruiz (said): This is a good day for the city" in out
    assert "Neutral alternative: (leave it out)." in out


def test_empty_text_says_so_in_each_section():
    out = format_report(analyse_text(""))
    assert "No source found." in out and "No attribution found." in out
    assert "No framing device found." in out


def test_long_findings_are_shortened_on_screen_not_in_the_data():
    text = "Ana Ruiz said that " + "the plan is fine and " * 20 + "cheap.\n"
    report = analyse_text(text)
    assert len(report["attributions"][0]["content"]) > 300
    line = next(ln for ln in format_report(report).splitlines() if "paraphrase), Ana Ruiz" in ln)
    assert line.endswith("…") and len(line) < 220


def test_bad_type_gets_the_clear_error():
    with pytest.raises(TypeError, match=r"analyse_text\(\) needs"):
        analyse_text(b"bytes")
