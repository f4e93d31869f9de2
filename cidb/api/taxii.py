"""TAXII 2.1, read only, for members: discovery, one API root, one collection of
cidb's STIX content (incidents with their victims, locations, techniques and actors).

Pages hold whole incidents: each incident comes with the objects it points to, so a
page can be used on its own. `limit` caps the objects of a page (at least one
incident's group is returned); `next` is an opaque cursor over (date added, id);
`added_after`, `match[type]`, `match[id]` and `match[spec_version]` filter. An
object's date_added is when its incident last changed. Authentication: HTTP Basic
(username and password) or an API token (`Authorization: Token ...`).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from functools import wraps
from typing import Any

from django.contrib.auth import authenticate
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe
from rest_framework.exceptions import AuthenticationFailed

from cidb.accounts.models import is_member
from cidb.accounts.throttle import locked_message
from cidb.exchange import records, stix
from cidb.incidents.models import Incident

from .authentication import token_user

TAXII_MEDIA = "application/taxii+json;version=2.1"
STIX_MEDIA = stix.MEDIA_TYPE
COLLECTION_ID = str(uuid.uuid5(stix.NAMESPACE, "taxii|collection|incidents"))
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _response(data: dict[str, Any], status: int = 200, **headers: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data), status=status, content_type=TAXII_MEDIA)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "private, no-store"
    return response


def _error(status: int, title: str, description: str = "", **headers: str) -> HttpResponse:
    body = {"title": title, "http_status": str(status)}
    if description:
        body["description"] = description
    return _response(body, status, **headers)


def _user(request: HttpRequest):
    """The request's user from Basic or Token authentication or the session; raises
    AuthenticationFailed for wrong credentials."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("basic "):
        try:
            username, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise AuthenticationFailed("Malformed Basic credentials.") from None
        locked = locked_message(request, username)
        if locked:
            raise AuthenticationFailed(locked)
        user = authenticate(request, username=username, password=password)
        if user is None:
            raise AuthenticationFailed("Wrong username or password.")
        return user
    if header:
        user = token_user(header)
        if user is not None:
            return user
    return request.user if request.user.is_authenticated else None


def _acceptable(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    if not accept:
        return True
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        params = part.replace(" ", "").lower()
        if media in ("*/*", "application/*", "application/json"):
            return True
        if media == "application/taxii+json" and ("version=" not in params or "version=2.1" in params):  # fmt: skip
            return True
    return False


def taxii_view(func):
    """Members only (401 without credentials, 403 below member), TAXII media type."""

    @require_safe
    @wraps(func)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        challenge = {"WWW_Authenticate": 'Basic realm="cidb TAXII", Token'}
        try:
            user = _user(request)
        except AuthenticationFailed as exc:
            return _error(401, "Unauthorized", str(exc.detail), **challenge)
        if user is None:
            return _error(401, "Unauthorized", "Log in with HTTP Basic or a token.", **challenge)
        if not is_member(user):
            return _error(403, "Forbidden", "TAXII is available to members.")
        if not _acceptable(request):
            return _error(406, "Not Acceptable", f"This server sends {TAXII_MEDIA}.")
        request.user = user
        return func(request, *args, **kwargs)

    return wrapper


def _root_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("taxii:api_root"))


def _collection() -> dict[str, Any]:
    return {
        "id": COLLECTION_ID,
        "title": "cidb incidents",
        "description": "Cyber incidents with their victims, locations, ATT&CK techniques and "
        "threat actors, as STIX 2.1.",
        "can_read": True,
        "can_write": False,
        "media_types": [STIX_MEDIA],
    }


@taxii_view
def discovery(request: HttpRequest) -> HttpResponse:
    root = _root_url(request)
    return _response(
        {
            "title": "cidb TAXII server",
            "description": "Read-only TAXII 2.1 for cidb members.",
            "default": root,
            "api_roots": [root],
        }
    )


@taxii_view
def api_root(request: HttpRequest) -> HttpResponse:
    return _response(
        {
            "title": "cidb",
            "description": "cidb incidents as STIX 2.1.",
            "versions": [TAXII_MEDIA],
            "max_content_length": 0,
        }
    )


@taxii_view
def collections(request: HttpRequest) -> HttpResponse:
    return _response({"collections": [_collection()]})


def _check_collection(collection_id: str) -> HttpResponse | None:
    if collection_id != COLLECTION_ID:
        return _error(404, "Not Found", "No such collection.")
    return None


@taxii_view
def collection(request: HttpRequest, collection_id: str) -> HttpResponse:
    return _check_collection(collection_id) or _response(_collection())


def _parse_timestamp(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("a timestamp needs a time zone (Z)")
    return value


def _cursor(incident: Incident) -> str:
    micros = int(incident.updated.timestamp() * 1_000_000)
    raw = f"{micros}:{incident.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after_cursor(queryset, cursor: str):
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    micros, pk = (int(part) for part in raw.split(":"))
    when = dt.datetime.fromtimestamp(micros / 1_000_000, tz=dt.UTC)
    return queryset.filter(Q(updated__gt=when) | Q(updated=when, pk__gt=pk))


def group(incident: Incident) -> list[dict[str, Any]]:
    """An incident's objects and everything they point to."""
    out = [stix.producer(), stix.extension_definition()]
    out += [stix.attack_pattern(t) for t in incident.techniques.all()]
    out += [stix.actor_object(a) for a in incident.actors.all()]
    countries = {incident.country} | ({incident.victim.country} if incident.victim_id else set())
    out += [stix.location(code) for code in sorted(c for c in countries if c)]
    if incident.victim_id:
        org = incident.victim
        out.append(stix.organization(org))
        if org.country:
            out.append(
                stix.relationship(
                    "located-at",
                    stix.organization_id(org),
                    stix.location_id(org.country),
                    stix.timestamp(org.updated),
                )
            )
    elif incident.victim_label:
        out.append(stix.label_identity(incident.victim_label))
    return out + stix.incident_objects(incident)


def _page(request: HttpRequest) -> tuple[list[tuple[Incident, list[dict]]], bool] | HttpResponse:
    """Incidents of this page with their (filtered) objects, and whether more follow."""
    params = request.GET
    try:
        limit = int(params.get("limit") or DEFAULT_LIMIT)
    except ValueError:
        return _error(400, "Bad Request", "limit must be a whole number.")
    limit = max(1, min(limit, MAX_LIMIT))
    queryset = Incident.objects.visible_to(request.user).order_by("updated", "pk")
    try:
        if params.get("added_after"):
            queryset = queryset.filter(updated__gt=_parse_timestamp(params["added_after"]))
        if params.get("next"):
            queryset = _after_cursor(queryset, params["next"])
    except (ValueError, TypeError):
        return _error(400, "Bad Request", "added_after or next is not valid.")
    types = {t for t in params.get("match[type]", "").split(",") if t}
    ids = {i for i in params.get("match[id]", "").split(",") if i}
    spec_versions = {v for v in params.get("match[spec_version]", "").split(",") if v}
    if spec_versions and "2.1" not in spec_versions:
        return [], False
    incident_keys = []
    for object_id in ids:
        if object_id.startswith("incident--"):
            try:
                incident_keys.append(uuid.UUID(object_id.split("--", 1)[1]))
            except ValueError:
                continue
    if ids and len(incident_keys) == len(ids):
        queryset = queryset.filter(uuid__in=incident_keys)
    rows = records.stream(
        queryset, member=True, chunk_size=min(limit, 500), order=("updated", "pk")
    )
    page: list[tuple[Incident, list[dict]]] = []
    count = 0
    more = False
    for incident in rows:
        objects = group(incident)
        if types:
            objects = [o for o in objects if o["type"] in types]
        if ids:
            objects = [o for o in objects if o["id"] in ids]
        seen = {o["id"] for _, objs in page for o in objs}
        objects = [o for o in objects if o["id"] not in seen]
        if page and count + len(objects) > limit:
            more = True
            break
        page.append((incident, objects))
        count += len(objects)
        if count >= limit:
            more = _after_cursor(queryset, _cursor(incident)).exists()
            break
    return page, more


def _page_headers(page, more: bool) -> tuple[dict[str, Any], dict[str, str]]:
    envelope: dict[str, Any] = {"more": more}
    headers = {}
    if page:
        if more:
            envelope["next"] = _cursor(page[-1][0])
        headers["X_TAXII_Date_Added_First"] = stix.timestamp(page[0][0].updated)
        headers["X_TAXII_Date_Added_Last"] = stix.timestamp(page[-1][0].updated)
    return envelope, headers


def _collection_page(request: HttpRequest, collection_id: str):
    """The page of a collection request, or the error response to send instead."""
    missing = _check_collection(collection_id)
    if missing:
        return missing
    result = _page(request)
    if isinstance(result, HttpResponse):
        return result
    page, more = result
    return page, *_page_headers(page, more)


@taxii_view
def objects(request: HttpRequest, collection_id: str) -> HttpResponse:
    result = _collection_page(request, collection_id)
    if isinstance(result, HttpResponse):
        return result
    page, envelope, headers = result
    found = [o for _, objs in page for o in objs]
    if found:
        envelope["objects"] = found
    return _response(envelope, **headers)


@taxii_view
def manifest(request: HttpRequest, collection_id: str) -> HttpResponse:
    result = _collection_page(request, collection_id)
    if isinstance(result, HttpResponse):
        return result
    page, envelope, headers = result
    entries = [
        {
            "id": o["id"],
            "date_added": stix.timestamp(incident.updated),
            "version": o.get("modified", o.get("created")),
            "media_type": STIX_MEDIA,
        }
        for incident, objs in page
        for o in objs
    ]
    if entries:
        envelope["objects"] = entries
    return _response(envelope, **headers)


@taxii_view
def object_detail(request: HttpRequest, collection_id: str, object_id: str) -> HttpResponse:
    """One object; incidents are found directly, other objects via the incidents."""
    missing = _check_collection(collection_id)
    if missing:
        return missing
    request.GET = request.GET.copy()
    request.GET["match[id]"] = object_id
    request.GET["limit"] = "1"
    result = _page(request)
    if isinstance(result, HttpResponse):
        return result
    page, more = result
    found = [o for _, objs in page for o in objs][:1]
    if not found:
        return _error(404, "Not Found", "No such object in this collection.")
    envelope, headers = _page_headers(page[:1], False)
    envelope["objects"] = found
    return _response(envelope, **headers)


urlpatterns = [
    path("", discovery, name="discovery"),
    path("api/", api_root, name="api_root"),
    path("api/collections/", collections, name="collections"),
    path("api/collections/<str:collection_id>/", collection, name="collection"),
    path("api/collections/<str:collection_id>/objects/", objects, name="objects"),
    path("api/collections/<str:collection_id>/manifest/", manifest, name="manifest"),
    path(
        "api/collections/<str:collection_id>/objects/<str:object_id>/",
        object_detail,
        name="object",
    ),
]
