"""Sign-up, log-in, log-out, password reset and tiers."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from cidb.accounts.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_signup_creates_a_free_user_and_logs_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
        follow=True,
    )
    assert response.status_code == 200
    user = User.objects.get(username="newbie")
    assert user.tier == "free" and not user.is_member
    assert "Your account" in response.content.decode()


@pytest.mark.django_db
def test_signup_rejects_bad_input(client):
    UserFactory(username="taken", email="taken@example.org")
    response = client.post(
        "/accounts/signup/",
        {"username": "x", "email": "taken@example.org", "password1": "1", "password2": "2"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already exists" in html
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_login_and_logout(client):
    UserFactory(username="amy", tier="member")
    response = client.post(
        "/accounts/login/", {"username": "amy", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert "amy" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Log in" in client.get("/").content.decode()


@pytest.mark.django_db
def test_password_reset_by_email(client):
    UserFactory(username="bea", email="bea@example.org")
    client.post("/accounts/password/reset/", {"email": "bea@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand new secret 77", "new_password2": "brand new secret 77"}
    )
    assert response.status_code == 302
    assert client.login(username="bea", password="brand new secret 77")


@pytest.mark.django_db
def test_tier_decides_staff_rights():
    user = UserFactory(username="t", tier="free")
    assert not user.is_staff
    user.tier = "editor"
    user.save()
    assert user.is_staff and not user.is_superuser and user.is_editor and user.is_member
    user.tier = "admin"
    user.save()
    assert user.is_superuser
    user.tier = "member"
    user.save()
    assert not user.is_staff and not user.groups.exists()


@pytest.mark.django_db
def test_account_page_needs_login(client):
    assert client.get("/accounts/").status_code == 302
