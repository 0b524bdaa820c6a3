"""Daily use of the network pages: back to the organisation after a tie, new members in the
explorer at once, figures explained and agreeing with each other, removals that say what goes."""

from __future__ import annotations

import re

from flask_babel import force_locale

from icc_network.extensions import db
from icc_network.network import jobs
from icc_network.network.layout import place_new, unpack
from icc_network.network.models import Organisation, Tie
from icc_network.network.vocab import METRIC_HELP

from .. import factories as core_factories
from ..support import login
from . import factories


def _recompute(app):
    db.session.commit()
    assert jobs.recompute_nightly()["computed"] == 1


def _tie(a, b, kind="collaborates"):
    return {"from_organisation_id": str(a.id), "to_organisation_id": str(b.id), "kind": kind,
            "weight": "2", "note": ""}


def test_saving_a_tie_leads_back_to_the_organisation_it_was_opened_from(client):
    low, high = factories.organisation("Alpha"), factories.organisation("Beta")
    login(client, core_factories.user("coordinator"))
    # Opened from Beta: an undirected tie is stored lower id first, yet the user lands on Beta.
    response = client.post_form(f"/network/ties/new?from={high.id}&organisation={high.id}",
                                _tie(high, low))
    assert response.status_code == 302
    assert response.location.endswith(f"/network/organisations/{high.id}")
    tie = db.session.scalars(db.select(Tie)).one()
    assert tie.from_organisation_id == low.id
    response = client.post_form(f"/network/ties/{tie.id}/edit?organisation={high.id}",
                                {**_tie(low, high), "weight": "3"})
    assert response.location.endswith(f"/network/organisations/{high.id}")
    # From the list, back to the list; an unknown organisation or a URL never leads elsewhere.
    response = client.post_form(f"/network/ties/{tie.id}/edit", _tie(low, high))
    assert response.location.endswith("/network/ties")
    for bad in ("https%3A%2F%2Fevil.example", "999999", "-1"):
        response = client.post_form(f"/network/ties/{tie.id}/edit?organisation={bad}",
                                    _tie(low, high))
        assert response.location.endswith("/network/ties"), bad


def test_the_organisation_page_opens_the_tie_form_with_its_way_back(client):
    org = factories.organisation("Alpha")
    other = factories.organisation("Beta")
    factories.tie(org, other)
    login(client, core_factories.user("coordinator"))
    page = client.get(f"/network/organisations/{org.id}").get_data(as_text=True)
    assert f"organisation={org.id}" in page
    assert re.search(rf"/network/ties/new\?[^\"]*organisation={org.id}", page.replace("&amp;", "&"))


def test_new_nodes_are_placed_near_their_partners_and_loners_below():
    known = {1: (100.0, 100.0), 2: (120.0, 100.0), 3: (900.0, 900.0)}
    placed = place_new(known, {10: [1, 2], 11: [10], 12: []}, [10, 11, 12])
    assert abs(placed[10][0] - 110) < 30 and abs(placed[10][1] - 100) < 30
    assert abs(placed[11][0] - placed[10][0]) < 30  # anchored on the newcomer placed first
    assert placed[12][1] > 900  # no partner: below the drawing
    assert place_new({}, {5: []}, [5]) == {5: (0.0, 50.0)}


def test_a_new_organisation_and_tie_reach_the_explorer_at_once_with_a_new_etag(app, client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    factories.tie(a, b)
    _recompute(app)
    login(client, core_factories.user("coordinator"))
    first = client.get("/network/explorer.json")
    etag = first.headers["ETag"]
    assert client.get("/network/explorer.json", headers={"If-None-Match": etag}).status_code == 304
    response = client.post_form("/network/organisations/new", {
        "name": "Gamma", "sector": "library", "district_id": "", "description-fr": "Bibliothèque"})
    assert response.status_code == 302
    second = client.get("/network/explorer.json", headers={"If-None-Match": etag})
    assert second.status_code == 200 and second.headers["ETag"] != etag
    nodes = {n["label"]: n for n in unpack(second.get_json())[0]}
    assert set(nodes) == {"Alpha", "Beta", "Gamma"} and nodes["Gamma"]["new"] == 1
    assert nodes["Alpha"]["x"] == {n["label"]: n for n in unpack(first.get_json())[0]}["Alpha"]["x"]
    gamma = nodes["Gamma"]["id"]
    client.post_form(f"/network/ties/new?organisation={gamma}",
                     _tie(a, db.session.get(Organisation, gamma)))
    third = client.get("/network/explorer.json", headers={"If-None-Match": second.headers["ETag"]})
    assert third.status_code == 200
    nodes, edges = unpack(third.get_json())
    assert any(gamma in (e["s"], e["t"]) for e in edges)
    assert next(n for n in nodes if n["id"] == gamma)["degree"] == 1
    _recompute(app)
    fourth = client.get("/network/explorer.json")
    assert "new" not in next(n for n in unpack(fourth.get_json())[0] if n["id"] == gamma)


def test_the_explorer_shows_organisations_before_any_computation(client):
    factories.organisation("Alpha")
    db.session.commit()
    login(client, core_factories.user("coordinator"))
    payload = client.get("/network/explorer.json").get_json()
    assert payload["nodes"]["label"] == ["Alpha"]


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _english(text) -> str:
    """The explanation as the coordinator (an English reader) sees it."""
    with force_locale("en"):
        return str(text)


def test_every_figure_is_explained_and_the_counts_of_the_analytics_page_agree(app, client):
    orgs = [factories.organisation(f"Org {i}") for i in range(7)]
    for a, b in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]:
        factories.tie(orgs[a], orgs[b])
    factories.tie(orgs[0], orgs[1], "co_organises")  # a second kind: still one linked pair
    _recompute(app)  # orgs[6] has no tie
    login(client, core_factories.user("coordinator"))
    page = client.get("/network/analytics").get_data(as_text=True)
    for key in ("organisations", "ties", "density", "components", "isolates", "community",
                "modularity", "betweenness", "burt_constraint"):
        assert f'data-metric-help="{key}"' in page, key
        assert _english(METRIC_HELP[key]) in page.replace("&#39;", "'"), key
    organisations = _number(re.search(r'id="summary-organisations">([^<]+)<', page).group(1))
    communities = _number(re.search(r'id="summary-communities">([^<]+)<', page).group(1))
    pairs = _number(re.search(r'id="summary-pairs">([^<]+)<', page).group(1))
    sizes = [int(n) for n in re.findall(r'<li data-community="\d+" data-size="(\d+)"', page)]
    alone = [int(n) for n in re.findall(r'<li data-size="(\d+)"', page)]
    explorer_nodes, explorer_edges = unpack(client.get("/network/explorer.json").get_json())
    listed = client.get("/network/?per_page=100").get_data(as_text=True)
    assert organisations == 7 == sum(sizes) + sum(alone) == len(explorer_nodes)
    assert listed.count('href="/network/organisations/') - listed.count("/edit") >= 7
    assert communities == len(sizes) == 2 and alone == [1]
    assert pairs == 6 == len({frozenset((e["s"], e["t"])) for e in explorer_edges})
    assert "7 ties recorded" in page  # the records, told apart from the linked pairs


def test_the_member_pages_explain_their_figures(app, client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    factories.tie(a, b)
    _recompute(app)
    login(client, core_factories.user("coordinator"))
    for path in (f"/network/organisations/{a.id}", "/network/", "/network/explorer"):
        page = client.get(path).get_data(as_text=True).replace("&#39;", "'")
        assert _english(METRIC_HELP["betweenness"]) in page, path
        assert _english(METRIC_HELP["pagerank"]) in page, path


def test_removals_say_what_will_go_before_they_happen(client):
    org, other = factories.organisation("Alpha"), factories.organisation("Beta")
    tie = factories.tie(org, other)
    tie_id = tie.id
    factories.tie(org, other, "co_organises")
    factories.contact(org, "Awa Ndiaye")
    member = factories.member(org)
    meeting = factories.meeting()
    factories.decision(meeting, member)
    db.session.commit()
    login(client, core_factories.user("admin", locale="en"))
    page = client.get(f"/network/organisations/{org.id}").get_data(as_text=True)
    assert "Delete Alpha? Its 2 ties and 1 contacts will be removed" in page
    assert "It will also leave the support group" in page
    tie_page = client.get(f"/network/ties/{tie.id}/edit?organisation={org.id}").get_data(as_text=True)
    assert f'action="/network/ties/{tie.id}/delete?organisation={org.id}"' in tie_page
    assert "<details" in tie_page and "Alpha" in tie_page
    member_page = client.get(f"/network/support-group/members/{member.id}/edit").get_data(as_text=True)
    assert "Their attendance at 0 meetings will be deleted; 1 decisions" in member_page
    meeting_page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "Its 1 decisions and 0 attendance records will be deleted too." in meeting_page
    # The removal itself still asks for the confirmation form's token.
    assert client.post(f"/network/ties/{tie.id}/delete").status_code in (302, 400)
    assert db.session.get(Tie, tie_id) is not None
    response = client.post_form(f"/network/ties/{tie_id}/delete?organisation={org.id}")
    assert response.location.endswith(f"/network/organisations/{org.id}")
    assert db.session.get(Tie, tie_id) is None
