"""The fixed vocabularies of the network: sectors, roles, tie kinds and origins.

Codes are stored; labels are translated at display time. Imports accept the
code or the label in either language.
"""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l

SECTORS = {
    "association": _l("Association"),
    "school": _l("School or parents' association"),
    "library": _l("Library"),
    "business": _l("Business"),
    "media": _l("Media"),
    "faith_group": _l("Faith group"),
    "public_service": _l("Public service"),
    "university": _l("University"),
    "police": _l("Police"),
    "culture": _l("Culture"),
    "sport": _l("Sport"),
    "health": _l("Health"),
    "youth": _l("Youth work"),
    "other": _l("Other"),
}

ROLES = {
    "multiplier": _l("Multiplier"),
    "venue": _l("Venue"),
    "co_organiser": _l("Co-organiser"),
    "trainer": _l("Trainer"),
}

TIE_KINDS = {
    "collaborates": _l("Collaborates with"),
    "co_organises": _l("Co-organises with"),
    "refers": _l("Refers people to"),
    "funds": _l("Funds"),
    "shares_resources": _l("Shares resources with"),
}
# A directed kind keeps its from/to order ("A funds B" differs from "B funds A");
# the others are stored with the lower id first, so the same pair is one tie.
DIRECTED_KINDS = frozenset({"refers", "funds"})

ORIGIN_MANUAL, ORIGIN_IMPORT, ORIGIN_DERIVED = "manual", "import", "derived"
ORIGINS = {
    ORIGIN_MANUAL: _l("Entered by hand"),
    ORIGIN_IMPORT: _l("Imported"),
    ORIGIN_DERIVED: _l("Derived from joint work"),
}

GROUP_ROLES = {
    "chair": _l("Chair"),
    "secretary": _l("Secretary"),
    "member": _l("Member"),
    "observer": _l("Observer"),
}

ATTENDANCE = {
    "present": _l("Present"),
    "excused": _l("Excused"),
    "absent": _l("Absent"),
}

MEMBER_KINDS = {
    "organisation": _l("Organisation"),
    "person": _l("Person"),
}

# Metrics a visitor may size the explorer's nodes or sort the table by.
METRICS = {
    "degree": _l("Ties"),
    "weighted_degree": _l("Weighted ties"),
    "betweenness": _l("Betweenness"),
    "pagerank": _l("PageRank"),
    "core_number": _l("Core number"),
}

# What each figure of the network pages means, in one plain sentence shown next to it.
METRIC_HELP = {
    "organisations": _l("Members of the network, whether or not they have ties."),
    "ties": _l("Pairs of organisations linked by at least one tie; two kinds of tie between "
               "the same pair count once."),
    "degree": _l("How many organisations it is directly linked to."),
    "weighted_degree": _l("Its ties added up by strength: frequent or close work counts more."),
    "betweenness": _l("How often it lies on the shortest path between two others: organisations "
                      "that connect groups that would otherwise not meet."),
    "pagerank": _l("How well connected its partners are: a tie to a central organisation "
                   "counts more."),
    "core_number": _l("The depth of the tightly knit core it belongs to: the higher, the more "
                      "its partners are also linked to each other."),
    "burt_constraint": _l("How much its partners all know each other: low constraint means it "
                          "reaches groups others cannot (a broker)."),
    "broker": _l("High betweenness and low constraint: an organisation that bridges groups."),
    "community": _l("Groups of organisations that work more with each other than with the "
                    "rest (Louvain method); an organisation without ties is in none."),
    "density": _l("The share of all possible pairs that are linked: 1 means everyone works "
                  "with everyone."),
    "modularity": _l("How clearly the network splits into communities, from 0 (not at all) "
                     "to 1 (separate groups)."),
    "components": _l("Groups that can reach each other through a chain of ties; a network "
                     "in one piece has one."),
    "isolates": _l("Members without any tie: nobody in the network works with them yet."),
    "largest_component": _l("How many organisations the biggest connected group holds."),
}
