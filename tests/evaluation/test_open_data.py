"""Open data: only the measures marked public, with their definitions, on the public page
and as CSV and JSON, for anonymous visitors too."""

from __future__ import annotations

import csv
import io
from datetime import date

from . import factories


def _published():
    measure = factories.measure(source_kind="manual", definition_key=None,
                                source="ICC Index", unit="score", public=True,
                                definition={"fr": "Le score de la ville", "en": "The city's score"},
                                target_value=80.0, target_on=date(2099, 1, 1))
    factories.measure_run(measure, [(date(2025, 1, 1), 61), (date(2025, 2, 1), None),
                                    (date(2025, 3, 1), 64.5)], baseline=61.0,
                          forecast=[(date(2025, 4, 1), 62, 60, 64)])
    return measure


def test_anonymous_visitors_see_only_the_published_measures(client):
    published = _published()
    hidden = factories.measure(public=False)
    page = client.get("/evaluation/open-data").get_data(as_text=True)
    assert published.title["fr"] in page and "Le score de la ville" in page
    assert "ICC Index" in page and hidden.title["fr"] not in page
    assert client.get("/evaluation/").status_code in (302, 401, 403)


def test_the_page_says_when_nothing_is_published(client):
    factories.measure(public=False)
    page = client.get("/evaluation/open-data").get_data(as_text=True)
    assert "La ville n’a encore publié aucune mesure." in page


def test_the_csv_has_one_row_per_published_measure_and_period_with_a_figure(client):
    published = _published()
    factories.measure_run(factories.measure(public=False), [(date(2025, 1, 1), 3)])
    response = client.get("/evaluation/open-data/measures.csv")
    assert response.status_code == 200 and "max-age" in response.headers["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["key", "title", "definition", "unit", "period", "value", "baseline",
                       "target"]
    assert [row[4] for row in rows[1:]] == ["2025-01-01", "2025-03-01"]
    assert rows[1][:4] == [f"measure-{published.id}", published.title["fr"],
                           "Le score de la ville", "score"]
    assert rows[2][5:] == ["64.5", "61.0", "80.0"]


def test_the_json_gives_each_measure_with_metadata_series_and_forecast(client):
    published = _published()
    document = client.get("/evaluation/open-data/measures.json").get_json()
    (measure,) = document["measures"]
    assert measure["key"] == f"measure-{published.id}" and measure["source"] == "ICC Index"
    assert measure["target"] == {"value": 80.0, "on": "2099-01-01"}
    assert [p["period"] for p in measure["series"]] == ["2025-01-01", "2025-03-01"]
    assert measure["forecast"] == [{"period": "2025-04-01", "value": 62, "low": 60,
                                    "high": 64}]
    assert "respondent" not in str(document)


def test_a_published_measure_without_figures_is_listed_without_nonsense(client):
    factories.measure(public=True)
    page = client.get("/evaluation/open-data").get_data(as_text=True)
    assert "Pas encore de chiffre" in page and ">None<" not in page and "nan" not in page.lower().split()
    assert client.get("/evaluation/open-data/measures.json").get_json()["measures"][0][
        "series"] == []


def test_the_open_data_costs_the_same_queries_however_many_measures(client, query_counter):
    counts = []
    for extra in (1, 6):
        for _ in range(extra):
            _published()
        for path in ("/evaluation/open-data", "/evaluation/open-data/measures.json"):
            with query_counter() as log:
                assert client.get(path).status_code == 200
            counts.append((path, log.count))
    assert counts[:2] == counts[2:]


def test_the_page_is_never_kept_by_a_shared_cache_and_answers_304_to_its_reader(client):
    _published()
    first = client.get("/evaluation/open-data")
    control = first.headers["Cache-Control"]
    assert "public" not in control and "private" in control and first.headers["ETag"]
    again = client.get("/evaluation/open-data", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
