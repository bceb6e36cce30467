"""One ACLED sub-event type for a short report, as an ACLED coder would file it.

ACLED (and the CASE 2021 shared task built on its categories) codes a report by the event it is about,
not by every event it mentions. :func:`report_label` picks the lead event of an extracted record —
confidence, earlier sentences first, material events (what ACLED codes) before verbal ones, territory
changes first — and then applies report-level cues the single event cannot see: a claim or denial of
responsibility is what the report is about; a protest whose riot or crackdown is told in the next
sentence; an explosion with nobody doing it at a plant or on a road is an accident; an appeal or airlift
around a flood reports the disaster; a report with no event reads as a disaster, a base set up, an
agreement or diplomacy, else "Other". The cues are ours (:mod:`accord.knowledge.plover`); they were
written while reading the CASE development snippets, so the ``accord eval case2021`` figure is in-sample.

The rules' label is then weighed against the trained report-level head
(:func:`accord.models.events_linear.load_acled_model`): each label scores its log-probability under the
head, plus :data:`RULE_VOTE` when the rules chose it and :data:`EVENT_VOTE` when one of the report's events
carries it. The rules win unless the head is confident against them; the head settles what the rules
leave open ("Other", a label no event carries). ``accord eval case2021`` cross-validates the head.
"""

from __future__ import annotations

import math
from typing import Any

from accord.knowledge import plover as kb

#: Log-odds a rule vote adds (e² ≈ 7×): the head must be much surer of another label to override it.
RULE_VOTE = 2.0
#: Log-odds for a label one of the report's events carries (a secondary event the rules passed over).
EVENT_VOTE = 0.5
_DEFAULT: Any = object()

_TERRITORY = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}
_VERBAL = {"REQUEST", "ACCUSE", "SUPPORT", "CONSULT", "REJECT"}


def report_label(record: Any, model: Any = _DEFAULT) -> str:
    """The ACLED sub-event type of a short report: the rules' label (:func:`rule_label`) weighed against
    the report-level head's probabilities (``model``: the shipped head by default, None for rules alone)."""
    rule = rule_label(record)
    if model is _DEFAULT:
        from accord.models.events_linear import load_acled_model

        model = load_acled_model()
    if model is None:
        return rule
    return combine(rule, {e.acled.sub_event_type for e in record.events if e.acled}, model.probs(record.text))


def combine(rule: str, carried: set[str], probs: dict[str, float]) -> str:
    """The label with the best log-probability plus the rule and event votes (ties: the rules' label)."""

    def score(label: str) -> float:
        s = math.log(probs.get(label, 0.0) + 1e-6)
        return s + (RULE_VOTE if label == rule else 0.0) + (EVENT_VOTE if label in carried else 0.0)

    return max([rule, *probs], key=score)


def rule_label(record: Any) -> str:
    """The rules' ACLED sub-event type of a short report: its lead event's, adjusted by report-level cues,
    else a disaster/crime/no-event reading, else "Other"."""
    coded = [e for e in record.events if e.acled is not None and e.status in ("asserted", "historical")]
    if not coded:
        coded = [e for e in record.events if e.acled is not None]
    if any(e.type == "ACCUSE" and e.mode in ("claim", "deny") for e in coded) or kb.RESPONSIBILITY_CLAIM.search(
        record.text
    ):
        return "Attribution of responsibility"  # a claim or denial of responsibility is what the snippet reports
    if coded:
        best = max(coded, key=lambda e: (_rank(record, e), -record.events.index(e)))
        if best.type in _VERBAL and kb.protest_cue(record.text):
            # "protesters ... demanding / denouncing": for ACLED the snippet reports the protest
            return kb.disaster_label(record.text) or "Peaceful protest"
        if best.type in _VERBAL | {"ACCUSE"} and kb.sexual_violence(best.evidence.text):
            return "Sexual violence"  # "accused the forces of widespread rape": ACLED records the violence reported
        if best.type == "ASSAULT" and not best.actors:
            # "a tank at the plant exploded": harm with nobody doing it, in an industrial or road setting
            found = kb.accident_label(best.evidence.text)
            if found:
                return found
        if best.type in ("AID", "CONSULT", "REQUEST") or (best.type == "ACCUSE" and best.mode == "investigate"):
            # an airlift, an appeal or a police inquiry around a crash or a flood: the disaster is the news
            found = kb.disaster_label(record.text)
            if found in ("Natural disaster", "Man-made disaster"):
                return found
        if best.type == "COERCE" and best.acled.sub_event_type == "Arrests" and kb.crime_cue(record.text):
            return "Organized crime"  # the gang or the smuggling behind the arrest is told in the next sentence
        if best.type == "PROTEST":
            # a snippet is short: the riot or the force used may be told in the sentence after the protest
            code = kb.acled_code("PROTEST", best.mode, record.text)
            return code[1] if code else best.acled.sub_event_type
        if best.acled.sub_event_type == "Attack":
            # "killed in separate attacks ... in a grenade attack": the most specific coding of the violence wins
            specific = [e for e in coded if e.type == "ASSAULT" and e.acled.sub_event_type != "Attack"]
            if specific:
                best = max(specific, key=lambda e: (_rank(record, e), -record.events.index(e)))
        return best.acled.sub_event_type
    return kb.no_event_label(record.text)


def _rank(record: Any, event: Any) -> float:
    """Lead-event score: confidence, earlier sentences first, material events (what ACLED codes) first."""
    material = 0.08 if event.quad_class in (2, 4) or event.type == "AGREE" else 0.0
    if event.acled.sub_event_type in _TERRITORY:
        material += 0.1  # ACLED records who holds the ground before the fighting or withdrawal around it
    elif event.acled.sub_event_type == "Other":
        material -= 0.1  # the residual code yields to any event with a sub-type of its own
    return event.confidence + material - 0.05 * _sentence_rank(record, event)


def _sentence_rank(record: Any, event: Any) -> int:
    starts = sorted({e.evidence.start for e in record.events})
    return starts.index(event.evidence.start)
