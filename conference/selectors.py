"""Reads of the fact base for pages, each in a fixed, small number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch

from conference import models, references

CONFERENCE_KEY = "conference"


@dataclass(frozen=True)
class Overview:
    conference: models.Body | None
    facts: list[models.BodyFact]
    counts: list[models.Count]
    events: list[models.Event]
    roles: list[models.Membership]
    party_members: list[models.Person]
    presidium: list[models.Membership]
    resolutions: list[models.Resolution]
    votes: list[models.Vote]
    sources: list[models.Source]

    @property
    def _own_dates(self):
        return [event.date for event in self.events if event.body_id == self.conference_id]

    @property
    def start(self):
        return min(self._own_dates, default=None)

    @property
    def end(self):
        return max(self._own_dates, default=None)

    @property
    def conference_id(self):
        return self.conference.pk if self.conference else None


def overview() -> Overview:
    """Everything the home page shows: the Conference, its numbers, people and timeline.
    Wording that refers to other facts ({person:plekhanov}) is filled in, in the active
    language, as each event's, deed's and position's ``wording``."""
    conference = models.Body.objects.filter(key=CONFERENCE_KEY).first()
    memberships = list(
        models.Membership.objects.select_related("person", "role", "body").order_by(
            "order", "person__key"
        )
    )
    facts = list(models.BodyFact.objects.filter(body=conference).order_by("-prominence", "key"))
    events = list(models.Event.objects.select_related("person", "body").order_by("date", "key"))
    resolutions = list(
        models.Resolution.objects.prefetch_related(
            Prefetch("positions", queryset=models.Position.objects.order_by("order", "key"))
        ).order_by("key")
    )
    worded = [*facts, *events, *(p for r in resolutions for p in r.positions.all())]
    values = models.reference_values(item.predicate for item in worded)
    for item in worded:
        item.wording = references.fill(item.predicate, values)
    return Overview(
        conference=conference,
        facts=facts,
        counts=list(models.Count.objects.order_by("-value")),
        events=events,
        roles=[m for m in memberships if m.role.single_holder],
        party_members=list(
            models.Person.objects.filter(party__isnull=False)
            .select_related("party")
            .order_by("key")
        ),
        presidium=[m for m in memberships if m.body.members_listed_in_full],
        resolutions=resolutions,
        votes=list(
            models.Vote.objects.select_related("event").prefetch_related("tallies").order_by("key")
        ),
        sources=list(models.Source.objects.order_by("key")),
    )
