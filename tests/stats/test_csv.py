"""Every chart's data downloads as CSV: the same rows as its table, for the same filter."""

from __future__ import annotations

import csv
import io

import pytest

from cidb.stats.charts import CHARTS


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_chart_downloads_its_table(client_for, users, dataset, chart):
    client = client_for("member")
    response = client.get(f"/stats/{chart}.csv?country=SE")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="cidb-{chart}.csv"'
    page = client.get("/stats/?country=SE").context["charts"]
    (shown,) = [c for c in page if c.key == chart]
    assert rows(response) == [shown.headers, *[[str(v) for v in row] for row in shown.rows]]


@pytest.mark.django_db
def test_country_csv_values(client, dataset):
    assert rows(client.get("/stats/countries.csv")) == [
        ["Country", "Incidents"], ["Sweden", "3"], ["Germany", "1"], ["Norway", "1"],
        ["Unknown", "1"],
    ]  # fmt: skip
    assert rows(client.get("/stats/countries.csv?sector=healthcare")) == [
        ["Country", "Incidents"], ["Germany", "1"], ["Sweden", "1"],
    ]  # fmt: skip


@pytest.mark.django_db
def test_unknown_chart_and_bad_filter(client, dataset):
    assert client.get("/stats/nothing.csv").status_code == 404
    response = client.get("/stats/countries.csv?year=abc")
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()
