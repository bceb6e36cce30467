"""One ACLED sub-event type per short report, from the extracted record (our own sentences)."""

from __future__ import annotations

import pytest

from accord.analysis.acled_report import report_label, rule_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "A little-known militant group claimed responsibility for the bombing of the bridge.",
            "Attribution of responsibility",
        ),
        ("A gas tank exploded at a chemical plant outside the port, injuring four workers.", "Man-made disaster"),
        ("A strong earthquake struck the coast overnight, flattening hundreds of homes.", "Natural disaster"),
        ("Government troops recaptured the town of Kaleno from the rebels on Sunday.", "Government regains territory"),
        ("The town was quiet and the market was busy.", "Other"),
    ],
)
def test_acled_report_label(pipeline, text, label):
    assert report_label(pipeline.extract(text, published="2025-05-16")) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Rebel fighters ambushed an army patrol, and the soldiers fired back for an hour.", "Armed clash"),
        ("Hundreds of nurses marched peacefully to the ministry to demand unpaid wages.", "Peaceful protest"),
        ("The two countries agreed to reopen their embassies and resume flights.", "Agreement"),
    ],
)
def test_acled_report_head_keeps_clear_rule_labels(pipeline, text, label):
    record = pipeline.extract(text, published="2025-05-16")
    assert report_label(record, model=None) == rule_label(record) == label
    assert report_label(record) == label  # the shipped head does not override a clear rules' reading
