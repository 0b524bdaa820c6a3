"""What the activity form offers: what is chosen, the campaign's partners and what a
search finds, bounded however large the network and the register."""

from __future__ import annotations

from datetime import datetime

from icc_network.agents.models import Agent, agent_name_key
from icc_network.campaigns.services import activity_options
from icc_network.campaigns.services.activity_options import OPTIONS
from icc_network.extensions import db
from icc_network.network.models import Organisation, name_key

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from . import factories


def many_organisations(count: int, prefix: str = "Association") -> None:
    db.session.add_all(Organisation(name=f"{prefix} {n:04d}", name_key=name_key(f"{prefix} {n:04d}"),
                                    sector="association") for n in range(count))
    db.session.flush()


def many_agents(count: int, status: str = "certified") -> None:
    db.session.add_all(Agent(first_name=f"Prénom{n:04d}", last_name="Durand", status=status,
                             name_key=agent_name_key(f"Prénom{n:04d}", "Durand"))
                       for n in range(count))
    db.session.flush()


def _ids(options) -> list[int]:
    return [option.id for option in options]


def test_organisations_chosen_then_partners_then_matches_of_a_search():
    campaign = factories.campaign()
    outsider = network_factories.organisation("Aardvark club")
    chosen = network_factories.organisation("Bibliothèque du centre")
    partner = network_factories.organisation("Zèbre association")
    factories.participation(campaign, partner, state="accepted")
    factories.participation(campaign, outsider, state="declined")
    offered = activity_options.organisation_options(campaign, [str(chosen.id), "x", ""])
    assert [(o.id, o.detail, o.found) for o in offered] == [
        (chosen.id, False, False), (partner.id, True, False)]
    found = activity_options.organisation_options(campaign, [chosen.id], "  AARDVARK ")
    assert _ids(found) == [chosen.id, partner.id, outsider.id] and found[-1].found
    # Accents and case are ignored; what is already offered is not offered twice.
    assert _ids(activity_options.organisation_options(campaign, [], "zebre")) == [partner.id]


def test_a_search_of_the_organisations_is_bounded():
    campaign = factories.campaign()
    many_organisations(OPTIONS + 20)
    assert activity_options.organisation_options(campaign) == []
    found = activity_options.organisation_options(campaign, [], "association")
    assert len(found) == OPTIONS and all(option.found for option in found)
    assert activity_options.organisation_options(campaign, [], "?!") == []


def test_agents_chosen_then_certified_and_active_ones_of_the_district_first():
    district = core_factories.district()
    candidate = agent_factories.agent("Anne", "Aubert", status="candidate")
    elsewhere = agent_factories.agent("Basile", "Bernard", status="active")
    nearby = agent_factories.agent("Zoé", "Zola", status="certified", district=district)
    gone = agent_factories.agent("Gone", "Away", status="certified",
                                 erased_at=datetime(2026, 1, 1))
    offered = activity_options.agent_options([candidate.id, gone.id], "", district.id)
    assert _ids(offered) == [candidate.id, nearby.id, elsewhere.id]
    assert not any(option.found for option in offered)
    assert offered[0].name == "Anne Aubert" and offered[0].detail == "candidate"


def test_agents_are_found_by_every_word_of_their_name_in_any_order_and_bounded():
    awa = agent_factories.agent("Awa", "Diallo", status="candidate")
    agent_factories.agent("Awa", "Traoré", status="certified")
    found = activity_options.agent_options([], "DIALLO awa")
    assert _ids(found) == [awa.id] and found[0].found
    many_agents(OPTIONS + 20)
    assert len(activity_options.agent_options()) == OPTIONS
    assert len(activity_options.agent_options([awa.id], "durand")) == OPTIONS + 1
