"""The public's home page is the catalogue's front door: search, the themes with their
counts, the rumours heard most with their answer; the ClaimReview feed is linked from the
head and the footer; a search that finds nothing says what to try."""

from __future__ import annotations

import re

from icc_network.rumours.services import front_page

from .. import factories as core
from ..support import count_queries, login
from . import factories

HEAD_FEED = '<link rel="alternate" type="application/ld+json" href="/catalogue/claimreview.json"'


def _catalogue(themes=2, per_theme=2):
    made = []
    for t in range(themes):
        theme = factories.theme(f"Thème {t}", f"Theme {t}")
        for r in range(per_theme):
            rumour = factories.rumour(f"Rumeur {t}-{r}", f"Rumour {t}-{r}", status="validated",
                                      published=True, theme_id=theme.id,
                                      sighting_count=10 * t + r)
            factories.argument(rumour, fr=f"Fait {t}-{r}", en=f"Fact {t}-{r}")
            made.append(rumour)
    return made


def test_the_front_page_counts_published_answered_rumours_per_theme(app):
    jobs, empty = factories.theme("Emploi", "Jobs"), factories.theme("Vide", "Empty")
    answered = [factories.rumour(status="validated", published=True, theme_id=jobs.id)
                for _ in range(2)]
    for rumour in answered:
        factories.argument(rumour)
    factories.argument(factories.rumour(status="validated", theme_id=jobs.id))  # unpublished
    factories.rumour(status="catalogued", published=True, theme_id=empty.id)  # no answer
    factories.argument(factories.rumour(status="validated", published=True))  # no theme
    made = front_page.front_page()
    assert [(t.theme.id, t.count) for t in made.themes] == [(jobs.id, 2)]
    assert made.unthemed == 1 and made.total == 3


def test_the_most_heard_come_first_each_with_its_opening_answer(app):
    quiet = factories.rumour(status="validated", published=True, sighting_count=1)
    loud = factories.rumour(status="validated", published=True, sighting_count=9)
    factories.argument(quiet, kind="emotional", fr="Une histoire")
    lead = factories.argument(loud, fr="Sept sur dix")
    factories.argument(loud, kind="emotional")
    heard = front_page.most_heard()
    assert [(a.rumour.id, a.answer.id) for a in heard][:1] == [(loud.id, lead.id)]
    assert [a.rumour.id for a in heard] == [loud.id, quiet.id]


def test_an_anonymous_visitor_lands_on_the_front_page_not_a_sign_in_prompt(app, client):
    rumours = _catalogue()
    response = client.get("/", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'role="search"' in page and 'action="/en/catalogue"' in page
    themes = re.findall(r'href="/en/catalogue\?theme=(\d+)"', page)
    assert [int(t) for t in themes] == sorted({r.theme_id for r in rumours})
    # the most heard first, with its answer, linked in the visitor's language
    assert page.index("Fact 1-1") < page.index("Fact 1-0") < page.index("Fact 0-1")
    assert f'href="/en/catalogue/{rumours[-1].id}"' in page
    assert "See all 4 answered rumours" in page
    # signing in stays a small link in the header; no big prompt in the page
    assert page.count('href="/login"') == 1
    assert HEAD_FEED in page and "open-data-link" in page
    assert {"Accept-Language", "Cookie"} <= set(response.vary)


def test_the_front_page_follows_the_visitor_s_language(client):
    _catalogue(themes=1, per_theme=1)
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'action="/fr/catalogue"' in page and "Fait 0-0" in page and "Fact 0-0" not in page


def test_the_front_page_takes_a_fixed_number_of_queries(app, client):
    _catalogue(themes=2, per_theme=2)
    client.get("/")  # the first request of a process loads what it keeps
    with count_queries(app) as few:
        client.get("/")
    _catalogue(themes=4, per_theme=3)
    with count_queries(app) as more:
        assert client.get("/").status_code == 200
    assert more.count == few.count <= 6


def test_signed_in_users_keep_their_own_home_page(client):
    _catalogue(themes=1, per_theme=1)
    login(client, core.user("partner"))
    page = client.get("/").get_data(as_text=True)
    assert 'role="search"' not in page and "Fait 0-0" not in page.split("<footer")[1]


def test_the_feed_is_linked_from_the_head_and_footer_not_the_catalogue_s_body(client):
    rumour = _catalogue(themes=1, per_theme=1)[0]
    for address in ("/en/catalogue", f"/en/catalogue/{rumour.id}"):
        page = client.get(address).get_data(as_text=True)
        head, body = page.split("</head>")
        main = body.split("<footer")[0]
        assert HEAD_FEED in head and "claimreview.json" not in main
        assert 'class="text-body-secondary open-data-link"' in body.split("<footer")[1]


def test_a_search_that_finds_nothing_suggests_what_to_try(client):
    rumours = _catalogue()
    page = client.get("/en/catalogue?q=zzzqqq").get_data(as_text=True)
    assert "No answered rumour matches this search." in page
    assert "What to try" in page and "Another spelling" in page and "Fewer words" in page
    assert f'href="/en/catalogue?theme={rumours[0].theme_id}"' in page
    assert f'href="/en/catalogue/{rumours[-1].id}"' in page  # the most heard
    both = client.get(f"/en/catalogue?q=zzzqqq&theme={rumours[0].theme_id}").get_data(
        as_text=True)
    assert 'href="/en/catalogue?q=zzzqqq"' in both  # the same search in every theme


def test_a_search_that_finds_something_or_no_search_suggests_nothing(client):
    _catalogue(themes=1, per_theme=1)
    assert "What to try" not in client.get("/en/catalogue?q=Rumour").get_data(as_text=True)
    assert "What to try" not in client.get("/en/catalogue").get_data(as_text=True)
