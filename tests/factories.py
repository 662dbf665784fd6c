"""factory-boy factories for every model; tests build exactly the data they need."""

import datetime

import factory
from django.contrib.auth import get_user_model

from conference import models


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source
        django_get_or_create = ("key",)

    key = "en-article"
    title = "All-Russian Conference of the Soviets"
    language = "en"
    filename = "000_d18d268070534a91.txt"


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Paragraph
        django_get_or_create = ("source", "number")

    source = factory.SubFactory(SourceFactory)
    number = 1


class FactFactory(factory.django.DjangoModelFactory):
    """Cites paragraph 1 of the English article unless told otherwise."""

    class Meta:
        abstract = True

    @factory.post_generation
    def cited_in(self, create, extracted, **kwargs):
        if not create:
            return
        self.cited_in.set(extracted if extracted is not None else [ParagraphFactory()])


class PartyFactory(FactFactory):
    class Meta:
        model = models.Party

    key = factory.Sequence(lambda n: f"party-{n}")
    name_en = factory.Sequence(lambda n: f"Party {n}")
    name_it = factory.Sequence(lambda n: f"Partito {n}")
    member_label_en = factory.Sequence(lambda n: f"a member of party {n}")
    member_label_it = factory.Sequence(lambda n: f"un membro del partito {n}")


class PersonFactory(FactFactory):
    class Meta:
        model = models.Person

    key = factory.Sequence(lambda n: f"person-{n}")
    name_en = factory.Sequence(lambda n: f"Ivan Person{n}")
    name_it = factory.Sequence(lambda n: f"Ivan Persona{n}")


class BodyFactory(FactFactory):
    class Meta:
        model = models.Body

    key = factory.Sequence(lambda n: f"body-{n}")
    name_en = factory.Sequence(lambda n: f"the Committee {n}")
    name_it = factory.Sequence(lambda n: f"il Comitato {n}")


class BodyFactFactory(FactFactory):
    class Meta:
        model = models.BodyFact

    key = factory.Sequence(lambda n: f"body-fact-{n}")
    body = factory.SubFactory(BodyFactory)
    predicate_en = factory.Sequence(lambda n: f"met for the {n}th time")
    predicate_it = factory.Sequence(lambda n: f"si riunì per la {n}ª volta")


class RoleFactory(FactFactory):
    class Meta:
        model = models.Role

    key = factory.Sequence(lambda n: f"role-{n}")
    name_en = "member"
    name_it = "membro"
    predicate_en = "was elected to {body}"
    predicate_it = "fu eletto {in body}"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(RoleFactory)
    body = factory.SubFactory(BodyFactory)

    @factory.post_generation
    def cited_in(self, create, extracted, **kwargs):
        if create:
            self.cited_in.set(extracted if extracted is not None else [ParagraphFactory()])


class EventFactory(FactFactory):
    class Meta:
        model = models.Event

    key = factory.Sequence(lambda n: f"event-{n}")
    date = datetime.date(1917, 4, 12)
    person = factory.SubFactory(PersonFactory)
    predicate_en = "spoke to the delegates"
    predicate_it = "parlò ai delegati"


class CountFactory(FactFactory):
    class Meta:
        model = models.Count

    key = factory.Sequence(lambda n: f"count-{n}")
    value = 480
    label_en = "delegates"
    label_it = "delegati"
    question_en = "How many delegates attended the Conference?"
    question_it = "Quanti delegati parteciparono alla Conferenza?"
    statement_en = "{number} delegates attended the Conference."
    statement_it = "Alla Conferenza parteciparono {number} delegati."


class VoteFactory(FactFactory):
    class Meta:
        model = models.Vote

    key = factory.Sequence(lambda n: f"vote-{n}")
    event = factory.SubFactory(EventFactory)
    motion_en = "the motion"
    motion_it = "la mozione"


class TallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Tally

    vote = factory.SubFactory(VoteFactory)
    choice = models.Tally.Choice.FOR
    count = 57


class ResolutionFactory(FactFactory):
    class Meta:
        model = models.Resolution
        django_get_or_create = ("topic",)

    key = factory.LazyAttribute(lambda o: o.topic)
    topic = models.Resolution.Topic.WAR
    title_en = "the resolution on the war"
    title_it = "la risoluzione sulla guerra"


class PositionFactory(FactFactory):
    class Meta:
        model = models.Position

    key = factory.Sequence(lambda n: f"position-{n}")
    resolution = factory.SubFactory(ResolutionFactory)
    predicate_en = "backed the war"
    predicate_it = "sostenne la guerra"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")


class SuperUserFactory(UserFactory):
    username = "root"
    is_staff = True
    is_superuser = True


class TeacherFactory(UserFactory):
    """A user in the Teachers group."""

    @factory.post_generation
    def teachers_group(self, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            from quizzes.permissions import TEACHERS

            self.groups.add(Group.objects.get(name=TEACHERS))


class QuestionSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.QuestionSet"

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Class quiz {n}")
    language = "en"


class SetQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.SetQuestion"

    question_set = factory.SubFactory(QuestionSetFactory)
    position = factory.Sequence(lambda n: n)


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Attempt"

    nickname = factory.Sequence(lambda n: f"Student {n}")
    owner_token = factory.Sequence(lambda n: f"owner-{n}")
    language = "en"


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Response"

    attempt = factory.SubFactory(AttemptFactory)
    answer = factory.LazyFunction(dict)
    fraction = 1.0
    points = factory.LazyAttribute(lambda o: o.fraction)


class ConnectionFactory(FactFactory):
    class Meta:
        model = models.Connection

    key = factory.Sequence(lambda n: f"connection-{n}")
    relation = models.Connection.Relation.CAUSE
    question_en = "Why did it happen?"
    question_it = "Perché accadde?"
    statement_en = "Because of the facts."
    statement_it = "A causa dei fatti."
    explanation_en = "The facts say so. They say it twice."
    explanation_it = "Lo dicono i fatti. Lo dicono due volte."
    links = "count:delegates"


class MisconceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Misconception

    connection = factory.SubFactory(ConnectionFactory)
    order = factory.Sequence(lambda n: n + 1)
    statement_en = "Because of something else entirely."
    statement_it = "A causa di tutt'altro."
    correction_en = "No: the facts say otherwise."
    correction_it = "No: i fatti dicono altro."


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Challenge"

    owner_token = factory.Sequence(lambda n: f"challenger-{n}")
    reason = "wrong_key"
    comment = "I think the key is wrong."
