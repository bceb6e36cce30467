"""Agreements within an article: kind, name, parties, mediators, status and dated history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples"


def agreements(pipeline, text, published="2025-05-16"):
    return pipeline.extract(text, published=published, id="t").agreements


@pytest.mark.parametrize(
    ("text", "kind", "status"),
    [
        ("Armenia and Azerbaijan signed a peace agreement in Washington on Friday.", "peace", "signed"),
        ("A ceasefire between Israel and Hezbollah took effect at dawn on Wednesday.", "ceasefire", "in-force"),
        ("The truce in Idlib collapsed on Sunday after heavy shelling.", "ceasefire", "collapsed"),
        ("The ceasefire expired on Tuesday without an extension.", "ceasefire", "expired"),
        ("Kyiv rejected a Russian proposal for an Easter truce.", "ceasefire", "rejected"),
        ("The two sides agreed to a prisoner exchange on Thursday.", "prisoner-exchange", "signed"),
        ("Negotiators are still discussing a draft peace plan in Doha.", "peace", "negotiating"),
        ("Parliament has yet to ratify the peace treaty signed last month.", "peace", "ratification-pending"),
        ("Both sides accused each other of violating the ceasefire on Monday.", "ceasefire", "violated"),
        ("Turkey and Russia signed a memorandum of understanding on grain shipments.", "memorandum", "signed"),
        ("Mediators proposed a 30-day humanitarian truce on Monday.", "ceasefire", "proposed"),
        ("Ukraine and Russia extended the grain deal for another 60 days.", "economic", "in-force"),
    ],
)
def test_agreements_kind_and_status(pipeline, text, kind, status):
    found = agreements(pipeline, text)
    assert found, text
    assert (found[0].kind, found[0].status) == (kind, status), found[0]


def test_agreements_history_orders_proposal_before_rejection(pipeline):
    [g] = agreements(pipeline, "On Wednesday the army rejected an RSF proposal for a 72-hour humanitarian truce.")
    assert [h.status for h in g.history] == ["proposed", "rejected"]
    assert g.status == "rejected" and g.history[-1].date == "2025-05-14"


def test_agreements_mediator_from_brokered_by(pipeline):
    [g] = agreements(pipeline, "A ceasefire brokered by Qatar took effect in Gaza on Sunday.")
    rec = pipeline.extract("A ceasefire brokered by Qatar took effect in Gaza on Sunday.", published="2025-05-16",
                           id="t")
    names = {a.id: a.name for a in rec.actors}
    assert [names[m] for m in g.mediators] == ["Qatar"]
    assert "Qatar" not in [names.get(p) for p in g.parties]


def test_agreements_pronoun_and_definite_mentions_join_the_same_agreement(pipeline):
    text = ("Russia and Ukraine agreed to a moratorium on strikes on energy facilities on Tuesday. "
            "By Thursday each side accused the other of breaking it. The moratorium remains in force, officials said.")
    found = agreements(pipeline, text)
    assert len(found) == 1
    assert [h.status for h in found[0].history][:2] == ["signed", "violated"]


def test_agreements_no_agreement_no_record(pipeline):
    assert agreements(pipeline, "Shelling hit Kherson overnight, killing three people.") == []


@pytest.mark.skipif(not (EXAMPLE / "jeddah.txt").exists(), reason="shared worked example absent")
def test_agreements_jeddah_example(pipeline):
    expected = json.loads((EXAMPLE / "jeddah.expected.json").read_text())
    rec = pipeline.extract((EXAMPLE / "jeddah.txt").read_text(), published="2025-05-16", id="jeddah")
    names = {a.id: a.name for a in rec.actors}
    exp_names = {a["id"]: a["name"] for a in expected["actors"]}
    got = {g.kind + ":" + g.status: g for g in rec.agreements}
    for g in expected["agreements"]:
        key = g["kind"] + ":" + g["status"]
        assert key in got, (key, list(got))
        mine = got[key]
        assert sorted(names[p] for p in mine.parties) == sorted(exp_names[p] for p in g["parties"])
        assert sorted(names[p] for p in mine.mediators) == sorted(exp_names[p] for p in g["mediators"])
        assert [h.status for h in mine.history] == [h["status"] for h in g["history"]]
        assert [h.date for h in mine.history] == [h["date"] for h in g["history"]]
