"""The fixed code lists of the rumours area, their labels and the status workflow."""

from __future__ import annotations

from datetime import timedelta

from ..core.i18n import lazy_gettext as _l

STATUSES = {
    "reported": _l("Reported"),
    "triaged": _l("Triaged"),
    "catalogued": _l("Catalogued"),
    "arguments_drafted": _l("Arguments drafted"),
    "validated": _l("Arguments validated"),
    "in_campaign": _l("In campaign"),
    "monitored": _l("Monitored"),
    "fading": _l("Fading"),
    "archived": _l("Archived"),
}

# Allowed moves of the workflow; going back one step is allowed where work must be redone.
TRANSITIONS = {
    "reported": ("triaged", "archived"),
    "triaged": ("catalogued", "archived"),
    "catalogued": ("arguments_drafted", "archived"),
    "arguments_drafted": ("validated", "catalogued", "archived"),
    "validated": ("in_campaign", "monitored", "arguments_drafted", "archived"),
    "in_campaign": ("monitored", "validated", "archived"),
    "monitored": ("in_campaign", "fading", "archived"),
    "fading": ("monitored", "archived"),
    "archived": ("triaged",),
}

# Until a rumour reaches "validated" the city has no answer ready: its alert deadline counts.
UNANSWERED = ("reported", "triaged", "catalogued", "arguments_drafted")
# Statuses offered to reporters as "known rumours" (untriaged and archived ones are not).
SUGGESTED = ("triaged", "catalogued", "arguments_drafted", "validated", "in_campaign",
             "monitored", "fading")
# Statuses suggested to a reporter: the known ones, and those still waiting for triage
# (marked, and only for what the reporter typed, so a second report joins the first).
OFFERED_TO_REPORTERS = ("reported", *SUGGESTED)
# Statuses that need a validated, current argument.
NEEDS_VALID_ARGUMENT = ("validated", "in_campaign")

RISKS = {"minor": _l("Minor"), "moderate": _l("Moderate"), "major": _l("Major")}
RISK_ORDER = {"minor": 1, "moderate": 2, "major": 3}
# Default time to have validated arguments ready, by potential harm.
ALERT_DELAYS = {"minor": timedelta(days=90), "moderate": timedelta(days=30),
                "major": timedelta(days=7)}

SPHERES = {
    "street": _l("Street and public space"),
    "market": _l("Market and shops"),
    "school": _l("School"),
    "workplace": _l("Workplace"),
    "transport": _l("Public transport"),
    "public_services": _l("Public services"),
    "neighbourhood": _l("Neighbourhood and housing"),
    "leisure": _l("Sport and leisure"),
    "worship": _l("Place of worship"),
    "family": _l("Family and friends"),
    "social_media": _l("Social media"),
    "messaging": _l("Messaging apps"),
    "press": _l("Press and media"),
    "other": _l("Other"),
}

DETECTIONS = {
    "survey": _l("Survey"),
    "workshop": _l("Workshop"),
    "agent_report": _l("Anti-rumour agent report"),
    "partner_report": _l("Partner report"),
    "sighting": _l("Reported sighting"),
    "media": _l("Media monitoring"),
    "social_media": _l("Social media monitoring"),
    "city_feed": _l("Another city's catalogue"),
    "other": _l("Other"),
}

CHANNELS = {
    "conversation": _l("Conversation"),
    "overheard": _l("Overheard"),
    "social_media": _l("Social media post"),
    "messaging": _l("Messaging app"),
    "press": _l("Press, radio or TV"),
    "flyer": _l("Flyer, poster or graffiti"),
    "meeting": _l("Public meeting"),
    "other": _l("Other"),
}

SIGHTING_LANGUAGES = {"fr": _l("French"), "en": _l("English"), "other": _l("Another language")}
# The languages of key phrases: those of the city's translatable texts.
PHRASE_LANGUAGES = {"fr": _l("French"), "en": _l("English")}

KINDS = {
    "statistic": _l("Statistic or data"),
    "question": _l("Doubt-raising question"),
    "testimony": _l("Testimony"),
    "emotional": _l("Emotional argument"),
}
KIND_ORDER = tuple(KINDS)  # the kit leads with facts

ARGUMENT_STATUSES = {"draft": _l("Draft"), "validated": _l("Validated"), "expired": _l("Expired")}

# ClaimReview ratings: 1 is the worst (false), 5 would be true.
# A claim as search engines show it: Google asks for under 75 characters (it wraps on
# phones past that), so longer wordings carry a short one.
SHORT_WORDING_MAX = 75

# A report starts "not assessed": no one has checked it yet. The verdict is chosen at
# triage, and only an assessed rumour may be published (the catalogue never shows the first).
NOT_ASSESSED = "not_assessed"
ASSESSED_VERDICTS = {"false": _l("False"), "misleading": _l("Misleading"),
                     "unproven": _l("Unproven")}
VERDICTS = {NOT_ASSESSED: _l("Not assessed"), **ASSESSED_VERDICTS}
VERDICT_RATINGS = {"false": 1, "misleading": 2, "unproven": 3}
BEST_RATING, WORST_RATING = 5, 1

# --- matching across languages ----------------------------------------------
# Without a translation service, a report typed in English must still find a rumour
# worded only in French. Matching folds case, accents and punctuation (core.text.fold),
# then replaces each word or phrase below by the name of its concept, in both languages,
# so "the town hall pays for mosques with our taxes" and "la mairie paie les mosquées avec
# nos impôts" share "townhall", "mosque" and "tax". The list holds the frequent words of
# rumours about migrants and minorities; coordinators' key phrases cover the rest. Words
# are folded (no accents, lower case); longer phrases win over the words inside them.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "mosque": ("mosque", "mosques", "mosquee", "mosquees"),
    "church": ("church", "churches", "eglise", "eglises"),
    "tax": ("tax", "taxes", "taxpayer", "taxpayers", "impot", "impots", "taxe",
            "contribuable", "contribuables"),
    "townhall": ("town hall", "city hall", "city council", "council", "municipality",
                 "mairie", "hotel de ville", "municipalite", "ville", "commune"),
    "benefit": ("benefit", "benefits", "welfare", "allowance", "allowances", "aide", "aides",
                "allocation", "allocations", "prestation", "prestations", "rsa", "caf"),
    "housing": ("housing", "house", "houses", "flat", "flats", "home", "homes",
                "social housing", "council housing", "logement", "logements", "hlm",
                "logement social", "logements sociaux", "appartement", "appartements"),
    "job": ("job", "jobs", "work", "employment", "emploi", "emplois", "travail", "boulot"),
    "school": ("school", "schools", "ecole", "ecoles", "college", "lycee", "classroom",
               "classe", "classes"),
    "refugee": ("refugee", "refugees", "asylum seeker", "asylum seekers", "refugie",
                "refugies", "refugiee", "refugiees", "demandeur d asile",
                "demandeurs d asile"),
    "migrant": ("migrant", "migrants", "immigrant", "immigrants", "immigre", "immigres",
                "immigree", "immigrees", "etranger", "etrangers", "foreigner", "foreigners",
                "newcomer", "newcomers", "nouveaux arrivants"),
    "crime": ("crime", "crimes", "criminal", "criminals", "delinquance", "delinquant",
              "delinquants", "criminalite", "theft", "vol", "vols"),
    "health": ("health", "hospital", "hospitals", "doctor", "doctors", "sante", "hopital",
               "hopitaux", "medecin", "medecins", "disease", "diseases", "maladie",
               "maladies"),
    "pay": ("pay", "pays", "paid", "funds", "funded", "finance", "finances", "financent",
            "finance par", "paie", "paient", "payent", "payer", "paye", "payee", "payes"),
    "money": ("money", "argent", "fric", "cash"),
    "free": ("free", "for free", "gratuit", "gratuite", "gratuits", "gratuitement"),
    "queue": ("queue", "jump the queue", "first", "priority", "before us", "passent avant",
              "avant nous", "priorite", "prioritaires", "en premier"),
    "take": ("take", "takes", "steal", "steals", "prennent", "prend", "volent", "vole"),
    "muslim": ("muslim", "muslims", "musulman", "musulmans", "musulmane", "musulmanes",
               "islam", "islamic", "islamique"),
    "woman": ("woman", "women", "femme", "femmes"),
    "child": ("child", "children", "kid", "kids", "enfant", "enfants", "gosse", "gosses"),
    "police": ("police", "cops", "policier", "policiers", "flic", "flics"),
    "district": ("neighbourhood", "neighborhood", "area", "quartier", "quartiers"),
}

# Words that carry no meaning of their own in either language; dropped after folding so
# that the words of the rumour, not "the" against "les", decide how close two texts are.
STOPWORDS = frozenset("""
a an the of to in on at for with by from and or but is are was were be been it its they
them their he she we you i this that these those there here as so do does did has have had
not no will would can could should just than then also very
le la les l un une des du de d au aux a et ou mais est sont etait ete etre il ils elle
elles on nous vous je j ce c cet cette ces se s sa son ses leur leurs y en que qu qui
pour par avec sur dans ne n pas plus tres aussi meme
our ours us nos notre all every everyone everybody tout tous toute toutes monde
""".split())

# --- other cities' feeds ----------------------------------------------------
# What a proposed update of an imported argument says the source city did.
FEED_CHANGES = {"text": _l("Text changed"), "valid_until": _l("Valid-until date changed"),
                "expired": _l("Expired in the source"), "removed": _l("Removed from the feed")}
FEED_UPDATE_STATUSES = {"pending": _l("To decide"), "accepted": _l("Accepted"),
                        "rejected": _l("Rejected")}

# What a coordinator did about a report marked hateful.
HATEFUL_OUTCOMES = {
    "referred": _l("Referred to the authorities' reporting platform"),
    "removed": _l("Removed where it was posted or displayed"),
    "no_action": _l("No action"),
}
