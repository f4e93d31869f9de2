"""OpenAPI details: token authentication (registered by the app config) and the
error responses every operation documents."""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "cidb.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: a member's API token (account page).",
        }


class AutoSchema(openapi.AutoSchema):
    """Every operation documents the errors any request can meet (bad input,
    authentication, permission, not found, throttled), each as {"detail": ...}."""

    ERRORS = {
        "400": "Invalid parameters.",
        "401": "Missing or wrong credentials.",
        "403": "Available to members (or editors).",
        "404": "No such object or page.",
        "429": "Too many requests for your tier; see Retry-After.",
    }

    def _get_response_bodies(self, direction="response"):
        from .serializers import ErrorSerializer

        responses = super()._get_response_bodies(direction)
        for code, description in self.ERRORS.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code,
                    direction=direction,
                )  # fmt: skip
        return responses
