from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import SignupForm


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="cidb.accounts.throttle.ThrottledModelBackend")
        messages.success(request, "Welcome to cidb. Your free account is ready.")
        return redirect("account")
    return render(
        request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html")


@login_required
@require_http_methods(["POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    """A new API token for a member; its key is shown once, on this response."""
    from cidb.api.models import APIToken

    if not request.user.is_member:
        messages.error(request, "API tokens are available to members.")
        return redirect("account")
    _, key = APIToken.issue(request.user, request.POST.get("name", ""))
    return render(request, "accounts/account.html", {"new_token": key})


@login_required
@require_http_methods(["POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    from cidb.api.models import APIToken

    deleted, _ = APIToken.objects.filter(user=request.user, pk=pk).delete()
    if deleted:
        messages.success(request, "The token was revoked.")
    return redirect("account")
