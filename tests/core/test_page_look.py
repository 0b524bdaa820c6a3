"""The shared look: page headers, empty states, the folding filter panel and the rumour list's
phone cards, rendered by the core macros every area uses."""

from __future__ import annotations

from flask import render_template_string

from ..factories import user
from ..rumours import factories as rumour_factories

MACROS = '{% from "macros/ui.html" import page_header, empty_state, filter_panel %}'


def test_a_page_header_puts_title_lead_and_actions_together(app):
    with app.test_request_context():
        html = render_template_string(
            MACROS + '{% call page_header("Rumours", "What circulates", crumbs=[("Home", "/"), ("Rumours", None)]) %}'
            '<a class="btn" href="/new">New</a>{% endcall %}')
    assert '<h1 class="page-title">Rumours</h1>' in html
    assert '<p class="page-lead">What circulates</p>' in html
    assert '<div class="page-actions"><a class="btn" href="/new">New</a></div>' in html
    assert 'aria-current="page">Rumours</li>' in html and '<a href="/">Home</a>' in html


def test_a_detail_page_header_shows_the_record_status_under_its_title(app):
    with app.test_request_context():
        html = render_template_string(
            MACROS + '{% set badges %}<span class="badge">Planned</span>{% endset %}'
            '{{ page_header("Café", badges=badges) }}')
        bare = render_template_string(MACROS + '{{ page_header("Café") }}')
    assert html.index('<h1 class="page-title">Café</h1>') < html.index(
        '<p class="page-badges"><span class="badge">Planned</span></p>')
    assert "page-badges" not in bare


def test_every_detail_page_uses_the_page_header(app):
    details = [name for name in app.jinja_env.list_templates(extensions=["html"])
               if name.endswith("detail.html") and not name.endswith("public_detail.html")]
    assert len(details) >= 10
    for name in details:
        source = app.jinja_env.loader.get_source(app.jinja_env, name)[0]
        assert "page_header(" in source and "<h1" not in source, name


def test_a_page_header_without_actions_has_no_empty_action_box(app):
    with app.test_request_context():
        html = render_template_string(MACROS + '{{ page_header("Home") }}')
    assert "page-actions" not in html and "page-lead" not in html


def test_an_empty_state_says_what_to_do_next(app):
    with app.test_request_context():
        html = render_template_string(MACROS + '{{ empty_state("Nothing yet.", "Add one", "/new") }}')
        bare = render_template_string(MACROS + '{{ empty_state("Nothing yet.") }}')
    assert '<p class="empty-state-text">Nothing yet.</p>' in html
    assert '<a class="btn btn-primary" href="/new">Add one</a>' in html
    assert "btn" not in bare


def test_the_filter_panel_folds_on_phones_and_counts_the_filters_set(app):
    with app.test_request_context():
        html = render_template_string(
            MACROS + '{% call filter_panel("f", "Filter the rumours", 2) %}<input name="q">{% endcall %}')
    assert 'data-bs-target="#f" aria-expanded="false" aria-controls="f"' in html
    assert '<div class="collapse filter-panel" id="f">' in html
    assert '<form method="get" class="row g-2 align-items-end" aria-label="Filter the rumours">' in html
    assert "(2)" in html


def test_the_rumour_list_shows_phone_cards_and_an_empty_state(client, login_as):
    coordinator = user("coordinator", locale="fr")
    rumour = rumour_factories.rumour(fr="Les voisins volent le travail")
    login_as(coordinator)
    page = client.get("/rumours").get_data(as_text=True)
    assert 'class="rumour-cards list-unstyled d-sm-none"' in page
    assert f'class="rumour-card-title" href="/rumours/{rumour.id}"' in page
    assert 'id="rumour-filters"' in page and 'class="page-header"' in page
    empty = client.get("/rumours?q=introuvable").get_data(as_text=True)
    assert 'class="empty-state"' in empty and "rumour-card-title" not in empty


def test_the_rumour_detail_shows_its_workflow_before_its_arguments(client, login_as):
    coordinator = user("coordinator", locale="fr")
    rumour = rumour_factories.rumour(fr="Les voisins volent le travail")
    login_as(coordinator)
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert page.index('id="workflow-heading"') < page.index('id="arguments-heading"')
    assert page.index('class="page-header"') < page.index('id="workflow-heading"')
