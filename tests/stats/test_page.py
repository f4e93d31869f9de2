"""The statistics page: the browse filter in the URL, charts with tables and CSV links,
active filters with remove links, links back to the browse list, bad input."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_whole_database(client, dataset):
    response = client.get("/stats/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "6 incidents." in html  # the draft is not counted
    keys = [chart.key for chart in response.context["charts"]]
    assert keys == ["timeline", "attack-types", "countries", "sectors"]
    for key in keys:
        assert f'id="chart-{key}"' in html
        assert f'href="/stats/{key}.csv"' in html
    assert html.count('role="img"') == 4
    assert html.count("<details") == 4  # a table for every chart
    assert 'href="/stats/"' in html  # the menu link


@pytest.mark.django_db
def test_filter_from_the_query_string(client, dataset):
    response = client.get("/stats/?country=SE&attack_type=ransomware")
    html = response.content.decode()
    assert "3 incidents match these filters." in html
    charts = {chart.key: chart for chart in response.context["charts"]}
    assert charts["countries"].rows == [["Sweden", 3]]
    assert charts["attack-types"].rows[0] == ["Ransomware", 3]
    # Active filters with remove links, and the same filter on the browse list and CSVs.
    assert 'aria-label="Remove filter Sweden"' in html
    assert 'href="?attack_type=ransomware"' in html
    assert 'href="/incidents/?country=SE&amp;attack_type=ransomware"' in html
    assert 'href="/stats/countries.csv?country=SE&amp;attack_type=ransomware"' in html


@pytest.mark.django_db
def test_timeline_has_every_month_between_first_and_last(client, dataset):
    chart = client.get("/stats/").context["charts"][0]
    assert chart.headers == ["Month", "Incidents", "Ransomware", "DDoS", "Data breach", "Intrusion"]
    months = [row[0] for row in chart.rows]
    assert months[0] == "2023-01" and months[-1] == "2024-02" and len(months) == 14
    assert dict((row[0], row[1]) for row in chart.rows)["2023-02"] == 0
    assert "busiest month was 2023-01 with 2" in chart.description
    assert ">Jan 2023<" in chart.svg and ">Jan 2024<" in chart.svg and ">Apr<" in chart.svg


@pytest.mark.django_db
def test_search_and_bar_links_drill_down(client, dataset):
    response = client.get("/stats/?country=SE")
    countries = response.context["charts"][2]
    assert 'href="?country=SE&amp;sector=healthcare"' in response.content.decode()
    assert countries.key == "countries"


@pytest.mark.django_db
def test_bad_filter_is_a_400_with_the_reason(client, dataset):
    response = client.get("/stats/?country=XX")
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()
    assert response.context["total"] == 0


@pytest.mark.django_db
def test_browse_page_links_to_statistics_for_its_filter(client, dataset):
    html = client.get("/incidents/?country=SE").content.decode()
    assert 'href="/stats/?country=SE"' in html
    assert "Statistics for this filter" in html


@pytest.mark.django_db
def test_empty_form_fields_are_dropped_from_the_address(client, dataset):
    response = client.get("/stats/?q=&country=SE&attack_type=&sector=&year=")
    assert response.status_code == 302 and response["Location"] == "/stats/?country=SE"
    assert client.get("/stats/?q=&year=")["Location"] == "/stats/"
