"""REST API v1: thin views over the browse page's FilterSet and the export library."""

from __future__ import annotations

import uuid as uuid_module

from django.db.models import Count, Exists, OuterRef, Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from cidb.accounts.models import is_editor
from cidb.exchange import exports, records
from cidb.incidents.filters import IncidentFilterSet
from cidb.incidents.models import (
    Incident,
    IncidentRedirect,
    Organization,
    Source,
    Technique,
    ThreatActor,
)
from cidb.incidents.querysets import linked_to_visible

from . import serializers
from .permissions import IsMember

ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, description="Invalid filter values."),
    403: OpenApiResponse(
        serializers.ErrorSerializer, description="A member-only filter or resource."
    ),
}


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def _filtered(request) -> object:
    try:
        return records.filtered(request.query_params, request.user)
    except records.MemberFilterError as exc:
        raise exceptions.PermissionDenied(
            {"detail": "Filtering by these is available to members.", "errors": exc.errors}
        ) from None
    except records.FilterError as exc:
        raise exceptions.ValidationError(
            {"detail": "Invalid filters.", "errors": exc.errors}
        ) from None


def _incident_count(user) -> Count:
    """Count of the incidents `user` may see, for annotating related lists."""
    if is_editor(user):
        return Count("incidents", distinct=True)
    return Count("incidents", filter=Q(incidents__status="published"), distinct=True)


class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Incidents, newest first (ranked by relevance with `q`). Same filters and search
    as the browse page; non-members get public fields and counts."""

    serializer_class = serializers.IncidentSerializer
    pagination_class = Pagination
    lookup_field = "uuid"
    lookup_value_regex = "[^/]+"
    # For the schema: the parameters are the browse page's filters.
    filterset_class = IncidentFilterSet
    queryset = Incident.objects.none()

    @property
    def filter_backends(self):  # documented, applied by hand in list()
        from django_filters.rest_framework import DjangoFilterBackend

        return [DjangoFilterBackend] if getattr(self, "swagger_fake_view", False) else []

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["member"] = records.Audience.of(self.request.user).member
        return context

    @extend_schema(responses={200: serializers.IncidentSerializer(many=True), **ERRORS})
    def list(self, request, *args, **kwargs) -> Response:
        queryset = _filtered(request)
        search = (request.query_params.get("q") or "").strip()
        ordered = queryset.by_relevance(search) if search else queryset.newest_first()
        member = records.Audience.of(request.user).member
        page = self.paginate_queryset(records.with_related(ordered, member=member))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        responses={
            200: serializers.IncidentSerializer,
            301: OpenApiResponse(description="A merged incident: Location has its survivor."),
            404: OpenApiResponse(serializers.ErrorSerializer),
        }
    )
    def retrieve(self, request, *args, uuid: str = "", **kwargs) -> Response:
        try:
            key = uuid_module.UUID(str(uuid))
        except ValueError:
            raise exceptions.NotFound("No such incident.") from None
        member = records.Audience.of(request.user).member
        visible = Incident.objects.visible_to(request.user)
        incident = records.with_related(visible.filter(uuid=key), member=member).first()
        if incident is None:
            moved = IncidentRedirect.objects.filter(old_uuid=key).select_related("incident")
            moved = moved.first()
            if moved is not None and visible.filter(pk=moved.incident_id).exists():
                location = reverse("api:incident-detail", args=[moved.incident.uuid])
                return Response(
                    status=status.HTTP_301_MOVED_PERMANENTLY,
                    headers={"Location": request.build_absolute_uri(location)},
                )
            raise exceptions.NotFound("No such incident.")
        return Response(self.get_serializer(incident).data)


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Victim organisations with incidents you may see (public)."""

    serializer_class = serializers.OrganizationSerializer
    pagination_class = Pagination

    def get_queryset(self):
        visible = Incident.objects.visible_to(self.request.user)
        counted = Count("incidents", filter=Q(incidents__in=visible), distinct=True)
        queryset = (
            Organization.objects.filter(Exists(visible.filter(victim=OuterRef("pk"))))
            .annotate(incident_count=counted)
            .order_by("name", "id")
        )
        # NUL cannot be stored or compared in PostgreSQL text: drop it, as forms do.
        name = (self.request.query_params.get("name") or "").replace("\x00", "").strip()
        if name:
            queryset = queryset.filter(name__icontains=name[:200])
        return queryset

    @extend_schema(
        parameters=[OpenApiParameter("name", str, description="Part of the name.")],
    )
    def list(self, request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsMember]
    pagination_class = Pagination


@extend_schema(responses={200: serializers.ThreatActorSerializer, 403: ERRORS[403]})
class ThreatActorViewSet(MemberViewSet):
    """Threat actors (members only)."""

    serializer_class = serializers.ThreatActorSerializer

    def get_queryset(self):
        user = self.request.user
        return (
            linked_to_visible(ThreatActor.objects.all(), user)
            .annotate(incident_count=_incident_count(user))
            .order_by("name", "id")
        )


@extend_schema(responses={200: serializers.TechniqueSerializer, 403: ERRORS[403]})
class TechniqueViewSet(MemberViewSet):
    """ATT&CK techniques with incident counts (members only)."""

    serializer_class = serializers.TechniqueSerializer
    lookup_field = "attack_id"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Technique.objects.annotate(
            incident_count=_incident_count(self.request.user)
        ).order_by("attack_id")


@extend_schema(responses={200: serializers.SourceSerializer, 403: ERRORS[403]})
class SourceViewSet(MemberViewSet):
    """Sources: the articles and reports incidents are based on (members only)."""

    serializer_class = serializers.SourceSerializer

    def get_queryset(self):
        user = self.request.user
        return (
            linked_to_visible(Source.objects.all(), user)
            .defer("text")
            .annotate(incident_count=_incident_count(user))
            .order_by("id")
        )


class ExportView(APIView):
    """The filtered incident list as a file, streamed. CSV and JSON for everybody
    (public fields and counts for non-members); STIX, MISP and the ATT&CK Navigator
    layer for members."""

    filterset_class = IncidentFilterSet

    def perform_content_negotiation(self, request, force=False):
        # The file's type is chosen by the URL; errors are JSON whatever was asked for.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=sorted(exports.FORMATS))
        ],
        responses={
            **{
                (200, media_type): OpenApiTypes.ANY if "json" in media_type else OpenApiTypes.BINARY
                for media_type in sorted({f.media_type for f in exports.FORMATS.values()})
            },
            **ERRORS,
            404: OpenApiResponse(serializers.ErrorSerializer),
        },
    )
    def get(self, request, fmt: str) -> StreamingHttpResponse:
        if fmt not in exports.FORMATS:
            raise exceptions.NotFound(f"Unknown format; use one of {', '.join(exports.FORMATS)}.")
        queryset = _filtered(request)
        try:
            chunks = exports.render(fmt, queryset, records.Audience.of(request.user))
        except exports.MembersOnly as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        response = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in chunks),
            content_type=exports.FORMATS[fmt].media_type,
        )
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(fmt)}"'
        response["Cache-Control"] = "private, no-store"
        return response
