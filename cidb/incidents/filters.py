"""One FilterSet for incidents, shared by the browse page, the API and exports.

Member-only filters (motive, technique, actor, CIA) are ignored for non-members:
filtering by a hidden value would reveal it through the result count.
"""

from __future__ import annotations

import datetime as dt
import re

import django_filters
import pycountry
from django import forms
from django.db import connection
from drf_spectacular.drainage import set_override

from cidb.accounts.models import is_editor, is_member

from . import search, vocab
from .models import Incident

COUNTRY_CHOICES = sorted(
    ((c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries),
    key=lambda pair: pair[1],
)
TECHNIQUE_ID = re.compile(r"^T\d{4}(\.\d{3})?$")
MEMBER_FILTERS = ("motive", "technique", "actor", "confidentiality", "integrity", "availability")
EDITOR_FILTERS = ("status",)


class TechniqueMultipleField(forms.MultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "%(value)s is not an ATT&CK technique ID such as T1486 or T1566.001."
    }

    def valid_value(self, value: str) -> bool:
        return bool(TECHNIQUE_ID.match(value))

    def to_python(self, value):
        return [v.strip().upper() for v in super().to_python(value)]


class ValuesFilter(django_filters.MultipleChoiceFilter):
    """Any of several values. No DISTINCT: these filters are single columns or EXISTS
    subqueries and never duplicate rows, and DISTINCT over whole rows (long texts
    included) costs seconds at a million incidents."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class TechniqueFilter(ValuesFilter):
    field_class = TechniqueMultipleField


# What @extend_schema_field does, without importing drf_spectacular.utils (and with it
# DRF's fields, requests and yaml) into every cidb command that reads the filters.
set_override(
    TechniqueFilter,
    "field",
    {"type": "array", "items": {"type": "string", "pattern": TECHNIQUE_ID.pattern}},
)


def search_ids(text: str, tags: list[tuple[str, ...]], limit: int) -> list[int] | None:
    """Ids matching a text query and tag groups, from the index alone, newest id first;
    None when more than ``limit`` match (search_index.rank_ids() ranks them)."""
    parsed = search.parse_query(text)
    parsed.tags = tags
    table = search.FTS_TABLE
    if connection.vendor == "postgresql":
        expression = search.to_tsquery(parsed)
        sql = f"SELECT rowid FROM {table} WHERE document @@ to_tsquery('simple', %s)"
    else:
        expression = search.to_fts5(parsed)
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY rowid DESC LIMIT %s", [expression, limit + 1])
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) <= limit else None


# The largest id a database integer column holds (PostgreSQL bigint; SQLite's INTEGER).
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number a database key can hold. A larger one is an invalid
    value (a 400 with a message) rather than an overflow in the database driver."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IncidentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search", max_length=200)
    country = ValuesFilter(choices=COUNTRY_CHOICES, label="Country")
    year = django_filters.NumberFilter(
        method="filter_year", label="Year", min_value=1970, max_value=2100
    )
    month = django_filters.NumberFilter(
        method="filter_month", label="Month", min_value=1, max_value=12
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="From")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="To")
    sector = ValuesFilter(choices=vocab.choices(vocab.SECTORS))
    attack_type = ValuesFilter(
        choices=vocab.choices(vocab.ATTACK_TYPES), method="filter_attack_type", label="Attack type"
    )
    organization = IdFilter(field_name="victim_id", label="Organization")
    confidence = ValuesFilter(choices=vocab.choices(vocab.CONFIDENCES))
    # Member-only
    motive = ValuesFilter(choices=vocab.choices(vocab.MOTIVES), method="filter_motive")
    technique = TechniqueFilter(method="filter_technique", label="Technique")
    actor = IdFilter(method="filter_actor", label="Threat actor")
    confidentiality = django_filters.ChoiceFilter(choices=vocab.choices(vocab.CIA_VALUES))
    integrity = django_filters.ChoiceFilter(choices=vocab.choices(vocab.CIA_VALUES))
    availability = django_filters.ChoiceFilter(choices=vocab.choices(vocab.CIA_VALUES))
    # Editor-only
    status = ValuesFilter(choices=vocab.choices(vocab.STATUSES))

    class Meta:
        model = Incident
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        self.ignored: list[str] = []
        hidden = []
        if not is_member(user):
            hidden += MEMBER_FILTERS
        if not is_editor(user):
            hidden += EDITOR_FILTERS
        for name in hidden:
            if data is not None and data.get(name):
                self.ignored.append(name)
            self.filters.pop(name, None)

    # Filters whose values are also search tags (see search.py), in tag kind order.
    TAGGED = ("country", "sector", "attack_type", "year")

    def filter_queryset(self, queryset):
        """The usual filters, then one full-text match carrying the text query and the
        tagged facet filters, so the database intersects them inside the index."""
        queryset = super().filter_queryset(queryset)
        text = (self.form.cleaned_data.get("q") or "").strip()
        tags = self.search_tags()
        selective = any(kind != "status" for kind, _ in tags)
        if text or selective:
            queryset = queryset.search(text, tags=[group for _, group in tags])
        return queryset

    def search_tags(self) -> list[tuple[str, tuple[str, ...]]]:
        """(kind, tag group) for each tagged filter in use, plus the visible statuses."""
        data = self.form.cleaned_data
        groups = []
        for kind in self.TAGGED:
            value = data.get(kind)
            values = value if isinstance(value, list) else ([] if value in (None, "") else [value])
            if values:
                groups.append((kind, tuple(search.tag(kind, int(v) if kind == "year" else v)
                                             for v in values)))  # fmt: skip
        statuses = data.get("status") if "status" in self.filters else None
        if not is_editor(getattr(self.request, "user", None)):
            statuses = ["published"]
        if statuses:
            groups.append(("status", tuple(search.tag("status", s) for s in statuses)))
        return groups

    # Filters the full-text index does not carry as tags.
    UNTAGGED = ("month", "date_after", "date_before", "organization", "confidence", "motive",
                "technique", "actor", "confidentiality", "integrity", "availability")  # fmt: skip

    def index_ids(self, limit: int) -> list[int] | None:
        """The matching ids straight from the full-text index, when it alone decides the
        result (a text query or tagged filters, and no untagged filter); else None.
        None also when more than ``limit`` match."""
        if not (self.is_bound and self.is_valid()):
            return None
        data = self.form.cleaned_data
        if any(data.get(name) not in (None, "", []) for name in self.UNTAGGED):
            return None
        tags = self.search_tags()
        text = (data.get("q") or "").strip()
        if not (text or any(kind != "status" for kind, _ in tags)):
            return None
        return search_ids(text, [group for _, group in tags], limit)

    @property
    def search_text(self) -> str:
        if self.is_bound and self.is_valid():
            return (self.form.cleaned_data.get("q") or "").strip()
        return ""

    def filter_search(self, queryset, name, value):
        return queryset  # applied with the tags in filter_queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value)) if value is not None else queryset

    def filter_month(self, queryset, name, value):
        if value is None:
            return queryset
        year = self.form.cleaned_data.get("year")
        if year is not None:
            # A date range uses the (status, date) index; a month extract would not.
            first = dt.date(int(year), int(value), 1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return queryset.filter(date__range=(first, last))
        return queryset.filter(date__month=int(value))

    def filter_attack_type(self, queryset, name, values):
        return (
            queryset.with_related("attack_types", "attacktype_id", values) if values else queryset
        )

    def filter_motive(self, queryset, name, values):
        return queryset.with_related("motives", "motive_id", values) if values else queryset

    def filter_technique(self, queryset, name, values):
        return queryset.with_techniques(values) if values else queryset

    def filter_actor(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.with_related("actors", "threatactor_id", [int(value)])
