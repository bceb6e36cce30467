"""Cross-article work: one identity per actor, per real-world event and per agreement across reports.

The functions here are pure (records in, links out) so they can be tested with hand-built records and
run the same way on one box or in a Spark job; :mod:`accord.store` persists their output.
"""

from accord.link.actors import ActorEntity, link_actors
from accord.link.agreements import AgreementEntity, link_agreements
from accord.link.events import EventCluster, link_events

__all__ = ["ActorEntity", "AgreementEntity", "EventCluster", "link_actors", "link_agreements", "link_events"]
