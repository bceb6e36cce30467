"""Agreement lifecycles across several reports (our own short wire texts): one identity, dated history."""

from __future__ import annotations

import pytest

from accord.link import link_actors, link_agreements

SCENARIOS = [
    (
        "signed then violated",
        [
            ("2025-03-11", "Russia and Ukraine signed an energy truce in Riyadh on Tuesday."),
            ("2025-03-20", "Kyiv accused Moscow of violating the energy truce on Wednesday."),
        ],
        "violated",
        ["signed", "violated"],
    ),
    (
        "proposed then rejected",
        [
            ("2025-04-01", "Egypt proposed a 60-day Gaza ceasefire on Monday."),
            ("2025-04-03", "Hamas rejected the Gaza ceasefire proposal on Wednesday."),
        ],
        "rejected",
        ["proposed", "proposed", "rejected"],
    ),
    (
        "signed, in force, expired",
        [
            ("2025-01-10", "Armenia and Azerbaijan signed a border ceasefire on Thursday."),
            ("2025-01-12", "The border ceasefire took effect on Sunday."),
            ("2025-02-12", "The border ceasefire expired on Tuesday."),
        ],
        "expired",
        ["signed", "in-force", "expired"],
    ),
    (
        "violation claim after expiry does not revive",
        [
            ("2025-05-14", "The Eid truce in Yemen expired on Tuesday."),
            (
                "2025-05-16",
                "The Houthis and the Yemeni government accused each other of breaking the Eid truce on Thursday.",
            ),
        ],
        "expired",
        ["expired", "violated", "violated"],  # one claim each way
    ),
    (
        "negotiating then signed",
        [
            ("2025-06-02", "Russian and Ukrainian negotiators discussed a prisoner exchange in Istanbul on Monday."),
            ("2025-06-09", "Russia and Ukraine agreed to a prisoner exchange on Sunday."),
        ],
        "signed",
        ["negotiating", "signed"],
    ),
    (
        "signed then collapsed",
        [
            ("2025-07-01", "The M23 and Kinshasa signed a ceasefire in Doha on Monday."),
            ("2025-07-20", "The Doha ceasefire collapsed on Saturday after fighting near Goma."),
        ],
        "collapsed",
        ["signed", "collapsed"],
    ),
    (
        "memorandum signed then in force",
        [
            ("2025-02-03", "Turkey and Iraq signed a memorandum on water sharing on Sunday."),
            ("2025-03-01", "The memorandum on water sharing came into force on Saturday."),
        ],
        "in-force",
        ["signed", "in-force"],
    ),
    (
        "peace treaty awaiting ratification",
        [
            ("2025-08-08", "Armenia and Azerbaijan signed a peace treaty in Washington on Friday."),
            ("2025-08-20", "The Armenian parliament has yet to ratify the peace treaty, officials said."),
        ],
        "ratification-pending",
        ["signed", "ratification-pending"],
    ),
    (
        "grain deal extended",
        [
            ("2025-03-18", "Russia and Ukraine signed a grain deal in Istanbul on Tuesday."),
            ("2025-05-18", "Russia and Ukraine extended the grain deal on Sunday."),
        ],
        "in-force",
        ["signed", "in-force"],
    ),
    (
        "grain deal suspended",
        [
            ("2025-03-18", "Russia and Ukraine signed a grain deal in Istanbul on Tuesday."),
            ("2025-07-18", "Moscow suspended the grain deal on Friday."),
        ],
        "collapsed",
        ["signed", "collapsed"],
    ),
    (
        "two different truces stay apart",
        [
            ("2025-04-10", "A ceasefire in Sudan's El Fasher took effect on Thursday."),
            ("2025-04-12", "A separate Gaza ceasefire collapsed on Saturday."),
        ],
        None,
        None,
    ),
    (
        "truce rejected outright",
        [
            ("2025-09-02", "The junta rejected an ASEAN proposal for a Myanmar truce on Tuesday."),
        ],
        "rejected",
        ["proposed", "rejected"],
    ),
    (
        "ceasefire holds",
        [
            ("2025-10-01", "A ceasefire in southern Lebanon took effect on Monday."),
            ("2025-10-05", "The southern Lebanon ceasefire held on Sunday despite sporadic gunfire."),
        ],
        "in-force",
        ["in-force", "in-force"],
    ),
    (
        "prisoner swap then completed",
        [
            ("2025-05-20", "Armenia and Azerbaijan agreed on a prisoner swap on Monday."),
            ("2025-05-25", "The prisoner swap between Armenia and Azerbaijan began on Saturday."),
        ],
        "in-force",
        ["signed", "in-force"],
    ),
    (
        "abandoned peace plan",
        [
            ("2025-01-15", "Mediators proposed a peace plan for eastern Congo on Wednesday."),
            ("2025-02-15", "Rwanda and Congo abandoned the peace plan for eastern Congo on Saturday."),
        ],
        "collapsed",
        ["proposed", "collapsed"],
    ),
    (
        "violated then collapsed",
        [
            ("2025-03-01", "Israel and Hamas signed a hostage deal in Cairo on Saturday."),
            ("2025-03-10", "Hamas accused Israel of breaching the hostage deal on Monday."),
            ("2025-03-18", "The hostage deal collapsed on Tuesday."),
        ],
        "collapsed",
        ["signed", "violated", "collapsed"],
    ),
    (
        "talks on a truce",
        [
            ("2025-11-02", "Talks on a Black Sea truce resumed in Geneva on Sunday."),
        ],
        "negotiating",
        ["negotiating"],
    ),
    (
        "truce signed and reported in force by another outlet",
        [
            ("2025-06-01", "Thailand and Cambodia signed a border truce on Sunday."),
            ("2025-06-03", "The Thai-Cambodian border truce came into force on Tuesday."),
        ],
        "in-force",
        ["signed", "in-force"],
    ),
    (
        "refused accord",
        [
            ("2025-02-20", "The ELN refused a regional ceasefire offered by Bogota on Thursday."),
        ],
        "rejected",
        ["proposed", "rejected"],
    ),
    (
        "renewed after expiry",
        [
            ("2025-04-01", "The Yemen truce expired on Monday."),
            ("2025-04-05", "The Houthis and Riyadh extended the Yemen truce on Friday."),
        ],
        "in-force",
        ["expired", "in-force"],
    ),
    (
        "dated history order follows event dates, not report order",
        [
            ("2025-03-20", "The Kharkiv truce collapsed on Wednesday."),
            ("2025-03-21", "The Kharkiv truce had been signed on 2 March, officials recalled."),
        ],
        "collapsed",
        ["signed", "collapsed"],
    ),
    (
        "moratorium breached",
        [
            ("2025-03-25", "Moscow and Kyiv agreed to a moratorium on strikes on energy facilities on Tuesday."),
            ("2025-04-02", "Ukraine said Russia had violated the moratorium on strikes on energy facilities."),
        ],
        "violated",
        ["signed", "violated"],
    ),
    (
        "cessation of hostilities signed",
        [
            ("2025-11-03", "Ethiopia and the TPLF signed a cessation of hostilities in Pretoria on Wednesday."),
        ],
        "signed",
        ["signed"],
    ),
    (
        "Qatar-brokered deal",
        [
            ("2025-01-16", "A Qatar-brokered ceasefire in Gaza took effect on Sunday."),
            ("2025-03-18", "The Gaza ceasefire collapsed on Tuesday after Israeli strikes."),
        ],
        "collapsed",
        ["in-force", "collapsed"],
    ),
    (
        "three outlets, one accord",
        [
            ("2025-06-27", "Rwanda and Congo signed a peace agreement in Washington on Friday."),
            ("2025-06-28", "The Washington peace agreement was signed on Friday, the State Department said."),
            ("2025-07-15", "Congo accused Rwanda of violating the Washington peace agreement on Monday."),
        ],
        "violated",
        ["signed", "signed", "violated"],
    ),
    (
        "only a call for a truce",
        [
            ("2025-08-01", "The U.N. called for a humanitarian truce in Sudan on Friday."),
        ],
        "proposed",
        ["proposed"],
    ),
    (
        "truce negotiations then rejection",
        [
            ("2025-09-10", "Envoys negotiated a Sahel truce in Niamey on Wednesday."),
            ("2025-09-15", "JNIM rejected the Sahel truce on Monday."),
        ],
        "rejected",
        ["negotiating", "rejected"],
    ),
    (
        "ceasefire ended",
        [
            ("2025-12-01", "The Christmas ceasefire ended on Monday."),
        ],
        "expired",
        ["expired"],
    ),
    (
        "accord signed, then both sides respect it",
        [
            ("2025-10-10", "Pakistan and Afghanistan signed a ceasefire in Doha on Friday."),
            ("2025-10-20", "Both sides respected the Doha ceasefire over the weekend, officials said."),
        ],
        "in-force",
        ["signed", "in-force"],
    ),
    (
        "agreement with a different kind stays apart",
        [
            ("2025-05-01", "Ukraine and the U.S. signed a minerals deal on Wednesday."),
            ("2025-05-02", "Ukraine and Russia signed a prisoner exchange on Thursday."),
        ],
        None,
        None,
    ),
]


def _link(pipeline, reports):
    records = [pipeline.extract(text, published=pub, id=f"r{i}") for i, (pub, text) in enumerate(reports)]
    _, entity_of = link_actors(records)
    return link_agreements(records, entity_of)[0]


@pytest.mark.parametrize(("name", "reports", "status", "history"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_agreement_scenarios(pipeline, name, reports, status, history):
    found = _link(pipeline, reports)
    if status is None:
        assert len(found) == len(reports), [g.name for g in found]
        return
    assert len(found) == 1, [(g.name, g.kind, [h["status"] for h in g.history]) for g in found]
    g = found[0]
    assert [h["status"] for h in g.history] == history
    assert g.status == status


def test_agreement_scenarios_count():
    assert len(SCENARIOS) >= 30
