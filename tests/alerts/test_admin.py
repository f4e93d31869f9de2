"""Admins see saved searches and the delivery record; nobody edits deliveries."""

from __future__ import annotations

import pytest

from cidb.alerts import services

pytestmark = pytest.mark.django_db


def test_admin_lists_saved_searches_and_deliveries(client_for, users):
    services.save_search(users["member"], "Sweden", "country=SE", "daily")
    admin = client_for("admin")
    page = admin.get("/admin/alerts/savedsearch/")
    assert page.status_code == 200 and "Sweden" in page.content.decode()
    assert admin.get("/admin/alerts/alertdelivery/").status_code == 200
    assert admin.get("/admin/alerts/alertdelivery/add/").status_code == 403
