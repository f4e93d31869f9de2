"""factory-boy factories for cidb's records."""

from __future__ import annotations

import datetime as dt

import factory

from cidb.accounts.models import User
from cidb.incidents.models import (
    AttackType,
    Incident,
    Motive,
    Organization,
    Source,
    Technique,
    ThreatActor,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    tier = "free"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    country = "SE"
    sector = "local_government"


class ThreatActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreatActor

    name = factory.Sequence(lambda n: f"Actor {n}")
    actor_type = "organized_crime"
    country = "RU"


class TechniqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technique
        django_get_or_create = ("attack_id",)

    attack_id = factory.Sequence(lambda n: f"T{9000 + n}")
    name = factory.Sequence(lambda n: f"Technique {n}")
    tactics = ["impact"]


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Example News"
    language = "en"
    published = dt.date(2024, 3, 2)


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident
        skip_postgeneration_save = True

    victim = factory.SubFactory(OrganizationFactory)
    date = dt.date(2024, 3, 1)
    date_precision = "month"
    country = "SE"
    summary = "Systems of the organisation were disrupted by an attack."
    description = "The organisation said its services were down for several days."
    status = "published"

    @factory.post_generation
    def attack_types(self, create, extracted, **kwargs):
        if create and extracted:
            self.attack_types.set(AttackType.objects.filter(slug__in=extracted))

    @factory.post_generation
    def motives(self, create, extracted, **kwargs):
        if create and extracted:
            self.motives.set(Motive.objects.filter(slug__in=extracted))

    @factory.post_generation
    def techniques(self, create, extracted, **kwargs):
        if create and extracted:
            self.techniques.set(extracted)

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.actors.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)
