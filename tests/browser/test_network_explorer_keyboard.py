"""The explorer's first view reads (communities apart, few names) and works from a keyboard."""

from __future__ import annotations

from playwright.sync_api import expect

from icc_network.extensions import db
from icc_network.scheduler import job_specs, run_job

from .. import factories as core_factories
from ..network import factories
from .helpers import assert_accessible, sign_in

# The bounding boxes of the communities, pairwise: do any two overlap?
_OVERLAPS = """() => {
  const cy = window.networkExplorer, boxes = {};
  cy.nodes().forEach(n => { const c = n.data('community'); if (c) { (boxes[c] = boxes[c] || []).push(n); } });
  const list = Object.values(boxes).map(nodes => cy.collection(nodes).boundingBox({includeLabels: false}));
  let overlaps = 0;
  list.forEach((a, i) => list.slice(i + 1).forEach(b => {
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { overlaps += 1; }
  }));
  return [list.length, overlaps];
}"""


def _three_communities(app):
    groups = []
    for name, sector in (("École", "school"), ("Club", "sport"), ("Maison", "association")):
        members = [factories.organisation(f"{name} {n}", sector=sector) for n in range(14)]
        for i, a in enumerate(members):
            for b in members[i + 1:i + 4]:
                factories.tie(a, b)
        groups.append(members)
    factories.tie(groups[0][0], groups[1][0])
    factories.tie(groups[1][1], groups[2][1])
    fund = factories.organisation("Fondation Solidaire", sector="business")
    factories.tie(fund, groups[2][2], "funds")
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    return groups, fund


def test_the_explorer_opens_readable_and_works_from_the_keyboard(app, page):
    groups, fund = _three_communities(app)
    sign_in(page, core_factories.user("coordinator", locale="en"))
    page.goto("/network/explorer")
    graph = page.locator("#explorer")
    expect(graph).to_have_attribute("data-ready", "true")
    expect(graph).to_have_attribute("data-labels", "central")
    named, quiet = page.evaluate("() => [window.networkExplorer.nodes('[?c]').length,"
                                 " window.networkExplorer.nodes('.quiet').length]")
    assert 3 <= named <= 13 and named + quiet == 43
    communities, overlaps = page.evaluate(_OVERLAPS)
    assert communities >= 3 and overlaps == 0
    arrows = page.evaluate("() => window.networkExplorer.edges('[?directed]')"
                           ".map(e => [e.source().data('label'), e.style('target-arrow-shape')])")
    assert arrows == [["Fondation Solidaire", "triangle"]]
    note = page.locator("#explorer-table-note")
    expect(note).to_contain_text("accessible equivalent")
    expect(note.get_by_role("link")).to_have_attribute("href", "/network/?sort=-degree")
    assert_accessible(page, "explorer, first view")

    page.locator("#search").focus()
    page.keyboard.type("fondation")
    page.keyboard.press("Enter")
    heading = page.locator("#card-heading")
    expect(heading).to_have_text("Fondation Solidaire")
    expect(heading).to_be_focused()
    expect(page.locator("#explorer-card")).to_contain_text("Funds (from this organisation)")
    expect(graph).to_have_attribute("data-labels", "all")  # picking zooms in on the neighbours

    page.get_by_role("button", name="Show the whole network").press("Enter")
    expect(graph).to_have_attribute("data-labels", "central")
    zoom_in = page.get_by_role("button", name="Zoom in")
    zoom_in.focus()
    for _ in range(4):
        page.keyboard.press("Enter")
    expect(graph).to_have_attribute("data-labels", "all")
    before = page.evaluate("() => window.networkExplorer.pan().x")
    page.get_by_role("button", name="Move left").press("Enter")
    assert page.evaluate("() => window.networkExplorer.pan().x") == before + 120

    page.locator("#search").fill("club 1")
    results = page.locator("#search-results button")
    expect(results.first).to_be_visible()
    results.filter(has_text="Club 12").press("Enter")
    expect(heading).to_have_text("Club 12")
