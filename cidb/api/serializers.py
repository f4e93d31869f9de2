"""API representations. Incidents are rendered by `cidb.exchange.records.incident_dict`
(the one place that decides what a non-member may see); the declared fields describe
that shape for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cidb.exchange import records
from cidb.incidents import vocab
from cidb.incidents.models import Organization, Source, Technique, ThreatActor


class CountsSerializer(serializers.Serializer):
    motives = serializers.IntegerField()
    techniques = serializers.IntegerField()
    actors = serializers.IntegerField()
    sources = serializers.IntegerField()


class CIADetailSerializer(serializers.Serializer):
    confidentiality = serializers.ChoiceField(choices=vocab.choices(vocab.CIA_VALUES))
    integrity = serializers.ChoiceField(choices=vocab.choices(vocab.CIA_VALUES))
    availability = serializers.ChoiceField(choices=vocab.choices(vocab.CIA_VALUES))


class ActorRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    type = serializers.ChoiceField(choices=vocab.choices(vocab.ACTOR_TYPES))
    country = serializers.CharField(allow_blank=True)
    attack_id = serializers.CharField(allow_null=True)


class SourceRefSerializer(serializers.Serializer):
    url = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    language = serializers.CharField(allow_blank=True)
    published = serializers.DateField(allow_null=True)


class IncidentSerializer(serializers.Serializer):
    """Public fields and counts for everybody; the member-only fields (from `cia` on)
    are present for members only."""

    id = serializers.UUIDField(read_only=True)
    url = serializers.URLField(read_only=True)
    status = serializers.ChoiceField(choices=vocab.choices(vocab.STATUSES), read_only=True)
    confidence = serializers.ChoiceField(choices=vocab.choices(vocab.CONFIDENCES), read_only=True)
    victim = serializers.CharField(allow_null=True, read_only=True)
    victim_label = serializers.CharField(allow_blank=True, read_only=True)
    victim_aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    victim_sector = serializers.CharField(allow_null=True, read_only=True)
    victim_country = serializers.CharField(allow_null=True, allow_blank=True, read_only=True)
    sector = serializers.CharField(allow_blank=True, read_only=True)
    country = serializers.CharField(allow_blank=True, read_only=True)
    region = serializers.CharField(allow_blank=True, read_only=True)
    city = serializers.CharField(allow_blank=True, read_only=True)
    date = serializers.CharField(read_only=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    discovered = serializers.DateField(allow_null=True, read_only=True)
    disclosed = serializers.DateField(allow_null=True, read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(allow_blank=True, read_only=True)
    attack_types = serializers.ListField(
        child=serializers.ChoiceField(choices=vocab.choices(vocab.ATTACK_TYPES)), read_only=True
    )
    counts = CountsSerializer(read_only=True)
    cia = serializers.ListField(
        child=serializers.ChoiceField(choices=["C", "I", "A"]),
        read_only=True,
        help_text="Members only: affected CIA properties.",
    )
    cia_detail = CIADetailSerializer(read_only=True, help_text="Members only.")
    motives = serializers.ListField(
        child=serializers.ChoiceField(choices=vocab.choices(vocab.MOTIVES)),
        read_only=True,
        help_text="Members only.",
    )
    techniques = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Members only: ATT&CK IDs."
    )
    actors = ActorRefSerializer(many=True, read_only=True, help_text="Members only.")
    sources = SourceRefSerializer(many=True, read_only=True, help_text="Members only.")
    conflicts = serializers.ListField(
        child=serializers.DictField(), read_only=True, help_text="Members only."
    )
    technique_evidence = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()),
        read_only=True,
        help_text="Members only: per ATT&CK ID, the sentences supporting it "
        "({sentence, source, language}).",
    )

    def to_representation(self, instance) -> dict[str, Any]:
        return records.incident_dict(instance, member=self.context.get("member", False))


class OrganizationSerializer(serializers.ModelSerializer):
    incident_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "aliases", "country", "sector", "website", "incident_count"]


class ThreatActorSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="actor_type")
    incident_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ThreatActor
        fields = [
            "id", "name", "aliases", "type", "country", "attack_id", "description",
            "incident_count",
        ]  # fmt: skip


class TechniqueSerializer(serializers.ModelSerializer):
    incident_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Technique
        fields = [
            "attack_id", "stix_id", "name", "tactics", "is_subtechnique", "url", "revoked",
            "deprecated", "incident_count",
        ]  # fmt: skip


class SourceSerializer(serializers.ModelSerializer):
    incident_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "language", "published", "incident_count"]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
