"""Demonstration data of the rumours area: themes, target groups, a bilingual
catalogue with arguments of every kind, and sightings over a year."""

from __future__ import annotations

import json
import random
from datetime import timedelta

from sqlalchemy import select

from ..auth.demo import demo_user
from ..core.clock import today
from ..core.models import District
from ..extensions import db
from .models import Rumour, Sighting, SightingImportMapping, TargetGroup, Theme
from .services import arguments, catalogue, hateful, subscriptions
from .services.sightings import SightingInput, insert_sightings, record_sighting, week_of
from .services.stats import rebuild_aggregates
from .vocab import CHANNELS, TRANSITIONS

MAIN_PATH = ("reported", "triaged", "catalogued", "arguments_drafted", "validated",
             "in_campaign", "monitored", "fading")


def load() -> None:
    coordinator = demo_user("coordinator")
    themes = [_term(Theme, fr, en, n) for n, (fr, en) in enumerate(THEMES)]
    groups = [_term(TargetGroup, fr, en, n) for n, (fr, en) in enumerate(TARGET_GROUPS)]
    db.session.flush()
    rng = random.Random(2026)
    districts = list(db.session.scalars(select(District.id).order_by(District.position)))
    rows = []
    for number, spec in enumerate(RUMOURS):
        rumour, weight = _rumour(spec, themes, groups, coordinator, rng), spec[10]
        if number in SHORT_WORDINGS:
            rumour.short_wording = SHORT_WORDINGS[number]
        rows.extend(_sightings(rumour, weight, districts, rng, rising=number in RISING))
    insert_sightings(rows)
    db.session.flush()
    _hateful_reports(coordinator)
    _partner_reports()
    rebuild_aggregates()
    _other_city(coordinator)
    _kobo_mapping(coordinator)


def _other_city(coordinator) -> None:
    """A subscription to another city's feed: its claim came in as a draft, and a later
    version of its statistic waits for the coordinator's decision."""
    url = "https://anti-rumeurs.ville-voisine.example/catalogue/claimreview.json"
    subscriptions.allow_feed(url, "", actor=demo_user("admin"))
    subscription = subscriptions.subscribe(url, None, actor=coordinator)
    for share in ("42 %", "45 %"):
        subscriptions.take_in(subscription, _neighbour_feed(url, share), actor=coordinator)
    subscription.fetched_at = subscription.succeeded_at


def _neighbour_feed(url: str, share: str) -> bytes:
    page = url.replace("claimreview.json", "7")
    parts = [{"@id": f"{page}#argument-1", "genre": "statistic",
              "text": f"{share} des personnes immigrées paient l’impôt sur le revenu, comme "
                      "les autres ménages aux mêmes revenus.",
              "citation": {"publisher": {"name": SOURCE["fr"]}},
              "expires": (today() + timedelta(days=300)).isoformat()},
             {"@id": f"{page}#argument-2", "genre": "question",
              "text": "Qui paie la TVA sur le pain, le loyer, l’essence ?"}]
    english = [{"@id": part["@id"], "inLanguage": "en",
                "text": text} for part, text in zip(parts, (
                    f"{share} of immigrants pay income tax, like other households on the "
                    "same income.", "Who pays VAT on bread, rent and petrol?"), strict=True)]
    claims = [{"@type": "ClaimReview", "url": page, "hasPart": parts,
               "claimReviewed": "Les immigrés ne paient pas d’impôts."},
              {"@type": "ClaimReview", "url": page, "inLanguage": "en", "hasPart": english,
               "claimReviewed": "Immigrants don’t pay taxes."}]
    # The French ClaimReview does not say its language: the feed's own one applies.
    return json.dumps({"@type": "DataFeed", "name": "Réseau anti-rumeurs de la ville voisine",
                       "inLanguage": "fr", "url": url, "dataFeedElement": claims}).encode()


def _kobo_mapping(coordinator) -> None:
    """The city's own street survey in KoboToolbox, mapped once: its French answer names
    and a language the app does not list import without asking again."""
    db.session.add(SightingImportMapping(
        form_key="formhub:9f2c4e1ad0b84c7e8d35a6b1c0e9f472", updated_by_id=coordinator.id,
        columns={"signalement_lieu_type": "sphere", "signalement_remarque": ""},
        answers={"sphere": {"marche": "market", "transport public": "transport"},
                 "channel": {"entendu": "overheard"},
                 "language": {"ar": "other", "arabe": "other"}}))


def _partner_reports() -> None:
    """What a partner reported lately, for “My reports” and the coordinators' triage inbox:
    a rumour the city did not know (awaiting triage, the coordinators told), and a sighting
    of one it already answers."""
    partner = demo_user("partner")
    heard = SightingInput(seen_on=today() - timedelta(days=2), district_id=None,
                          sphere="market", channel="conversation", people_count=3,
                          language="fr")
    record_sighting(heard, reporter=partner,
                    new_wording="Les nouveaux arrivants ont la cantine gratuite pour leurs enfants")
    known = db.session.scalar(select(Rumour).where(Rumour.status == "validated")
                              .order_by(Rumour.id).limit(1))
    if known is not None:
        record_sighting(heard, reporter=partner, rumour_id=known.id)


def _hateful_reports(coordinator) -> None:
    """The hateful reports queue with something in each state: an agent's hateful report
    typed as a new rumour (its wording withheld until triage), a referral to the
    authorities' platform, a removal, and words erased by the retention rule."""
    record_sighting(
        SightingInput(seen_on=today() - timedelta(days=1), district_id=None, sphere="social_media",
                      channel="social_media", people_count=1, language="fr",
                      verbatim="Publication partagée dans le groupe du quartier.", hateful=True),
        reporter=demo_user("agent"), new_wording="Ces gens-là sont des parasites, dehors !")
    reports = list(db.session.scalars(select(Sighting).where(Sighting.hateful)
                                      .order_by(Sighting.seen_on.desc(), Sighting.id).limit(3)))
    for report, data in zip(reports, (
            hateful.ActionInput("referred", today() - timedelta(days=2), "PH-2026-0412",
                                "Signalé à la plateforme des autorités."),
            hateful.ActionInput("removed", note="Affiche retirée par les services de la ville."),
    ), strict=False):
        hateful.record_action(report, data, actor=coordinator)
    if len(reports) == 3:
        reports[2].verbatim, reports[2].verbatim_erased_on = "", today() - timedelta(days=20)
    db.session.flush()


def _term(model, fr: str, en: str, position: int):
    term = model(name={"fr": fr, "en": en}, position=position)
    db.session.add(term)
    return term


def _rumour(spec, themes, groups, coordinator, rng):
    theme, group_ids, fr, en, cause_fr, cause_en, risk, spheres, status, published, _w, args = spec
    first = today() - timedelta(days=rng.randint(200, 360))
    rumour = catalogue.save_rumour(
        None, actor=coordinator, wording={"fr": fr, "en": en}, theme_id=themes[theme].id,
        target_group_ids=[groups[g].id for g in group_ids], spheres=spheres,
        detection=rng.choice(["survey", "workshop", "agent_report", "social_media"]),
        cause={"fr": cause_fr, "en": cause_en}, first_detected=first, risk=risk,
        alert_deadline=None, assignee_id=coordinator.id if status != "reported" else None)
    for argument_spec in args:
        _argument(rumour, argument_spec, coordinator)
    for step in MAIN_PATH[1:MAIN_PATH.index(status) + 1]:
        if step in TRANSITIONS[rumour.status]:
            catalogue.change_status(rumour, step, actor=coordinator,
                                    verdict="false" if step == "triaged" else None)
    if published:
        catalogue.set_published(rumour, True, actor=coordinator)
    return rumour


def _argument(rumour, spec, coordinator) -> None:
    kind, fr, en, status, valid_days, sourced = spec
    valid_until = today() + timedelta(days=valid_days) if valid_days is not None else None
    argument = arguments.save_argument(
        None, rumour=rumour, actor=coordinator, kind=kind, text={"fr": fr, "en": en},
        source_publisher=SOURCE[coordinator.locale] if sourced else "",
        source_published_on=today() - timedelta(days=400) if sourced else None,
        source_area="Ville de démonstration" if sourced else "",
        valid_until=valid_until if (valid_until is None or valid_days > 0) else today())
    if status in ("validated", "expired"):
        arguments.validate_argument(argument, actor=coordinator)
    if status == "expired":
        argument.status, argument.valid_until = "expired", valid_until
    db.session.flush()


def _sightings(rumour, weight: int, districts: list[int], rng: random.Random,
               rising: bool = False) -> list[dict]:
    rows = []
    hot = rng.sample(districts, k=min(3, len(districts)))
    age = (today() - rumour.first_detected).days
    for _ in range(weight * 12):
        # A rising rumour is heard mostly in the last four weeks, so the dashboard shows one.
        recent = rising and rng.random() < 0.7
        seen_on = today() - timedelta(days=int(rng.triangular(0, 27, 3) if recent
                                               else rng.triangular(0, age, 30)))
        quoted = rng.random() < 0.3
        language, verbatim, hateful = rng.choice(VERBATIMS) if quoted else ("fr", "", False)
        district = rng.choice(hot if rng.random() < 0.6 else districts) if districts else None
        rows.append({
            "rumour_id": rumour.id, "seen_on": seen_on, "week_start": week_of(seen_on),
            "district_id": district, "sphere": rng.choice(rumour.spheres), "venue": "",
            "channel": rng.choice(list(CHANNELS)),
            "people_count": rng.randint(1, 6), "language": language, "verbatim": verbatim,
            "hateful": hateful, "reporter_id": None, "import_key": None,
        })
    return rows


# --- the demonstration catalogue --------------------------------------------
# Every figure here is invented for the demonstration and attributed to a
# fictional local source, never to a real institution.

SOURCE = {"fr": "Observatoire social de la ville — données de démonstration",
          "en": "City social observatory — demonstration data"}

THEMES = [
    ("Emploi", "Jobs"),
    ("Aides sociales", "Social benefits"),
    ("Logement", "Housing"),
    ("Santé", "Health"),
    ("Sécurité", "Security"),
    ("Vivre ensemble", "Living together"),
]

TARGET_GROUPS = [
    ("Personnes migrantes en général", "Migrants in general"),
    ("Réfugiés et demandeurs d’asile", "Refugees and asylum seekers"),
    ("Personnes musulmanes", "Muslims"),
    ("Roms et gens du voyage", "Roma and Travellers"),
    ("Personnes d’origine africaine", "People of African descent"),
]

# (theme, groups, fr, en, cause fr, cause en, risk, spheres, status, published, weight, arguments)
# An argument: (kind, fr, en, status, valid_until offset in days or None, has source)
RUMOURS = [
    (0, [0], "Les immigrés prennent le travail des gens d’ici.",
     "Immigrants take local people’s jobs.",
     "La peur du chômage et du déclassement dans les quartiers touchés par les fermetures d’usines.",
     "Fear of unemployment and of losing status in areas hit by factory closures.",
     "moderate", ["workplace", "market", "social_media"], "in_campaign", True, 9, [
         ("statistic", "Dans notre ville, 7 emplois sur 10 occupés par des personnes immigrées le sont "
          "dans des métiers qui peinent à recruter : aide à domicile, bâtiment, restauration.",
          "In our city, 7 in 10 jobs held by immigrants are in trades that struggle to recruit: "
          "home care, construction, catering.", "validated", 300, True),
         ("question", "Quel emploi précis a été pris, et à qui ? Connaissez-vous quelqu’un à qui c’est arrivé ?",
          "Which job exactly was taken, and from whom? Do you know someone it happened to?",
          "validated", None, False),
         ("testimony", "« J’ai ouvert ma boulangerie en 2016 ; aujourd’hui j’emploie quatre personnes du "
          "quartier. » — Karim, artisan boulanger (témoignage recueilli pour la démonstration)",
          "“I opened my bakery in 2016; today I employ four people from the neighbourhood.” — Karim, "
          "baker (testimony collected for the demonstration)", "validated", None, False),
         ("emotional", "Nous voulons tous la même chose : un travail digne pour nous et nos enfants.",
          "We all want the same thing: decent work for ourselves and our children.",
          "draft", None, False),
     ]),
    (1, [0, 1], "Les étrangers touchent plus d’aides sociales que les Français, alors qu’ils "
     "n’ont jamais cotisé.",
     "Foreigners receive more social benefits than nationals, though they never paid into "
     "the system.",
     "Le sentiment d’injustice quand les fins de mois sont difficiles.",
     "A sense of unfairness when making ends meet is hard.",
     "moderate", ["market", "family", "messaging"], "validated", True, 7, [
         ("statistic", "Les aides sociales de la ville sont attribuées selon les revenus et la composition "
          "du foyer, jamais selon la nationalité : 100 % des dossiers suivent le même barème.",
          "The city’s social benefits depend on income and household size, never on nationality: "
          "100% of applications follow the same scale.", "validated", 400, True),
         ("question", "Avez-vous déjà vu le barème d’une aide ? Qu’est-ce qui y dépend de la nationalité ?",
          "Have you ever seen how a benefit is calculated? What in it depends on nationality?",
          "validated", None, False),
         ("statistic", "Un demandeur d’asile reçoit une allocation journalière inférieure au revenu de "
          "solidarité (chiffres de démonstration).",
          "An asylum seeker receives a daily allowance lower than the minimum income "
          "(demonstration figures).", "expired", -20, True),
     ]),
    (2, [1], "Les réfugiés passent avant tout le monde pour les logements sociaux.",
     "Refugees jump the queue for social housing.",
     "La longue attente pour un logement social et le manque de transparence des attributions.",
     "The long wait for social housing and allocations that seem opaque.",
     "major", ["neighbourhood", "public_services"], "arguments_drafted", False, 6, [
         ("statistic", "En 2025, 3 % des logements sociaux attribués dans la ville l’ont été à des "
          "personnes réfugiées, selon les mêmes critères que pour tous les demandeurs.",
          "In 2025, 3% of the social homes allocated in the city went to refugees, under the same "
          "criteria as every applicant.", "draft", 365, True),
         ("emotional", "Attendre un logement est épuisant, pour tout le monde. Le problème, c’est le "
          "manque de logements, pas les voisins.",
          "Waiting for a home is exhausting, for everyone. The problem is the lack of homes, not the "
          "neighbours.", "draft", None, False),
     ]),
    (3, [0, 4], "Les migrants apportent des maladies.", "Migrants bring diseases.",
     "La peur de la contagion, ravivée par les épidémies récentes.",
     "Fear of contagion, revived by recent epidemics.",
     "major", ["social_media", "transport"], "catalogued", False, 3, []),
    (4, [0, 2], "Depuis l’arrivée des migrants, le quartier est moins sûr.",
     "Since the migrants arrived, the neighbourhood is less safe.",
     "Un sentiment d’insécurité lié aux changements rapides du quartier.",
     "A feeling of insecurity tied to the neighbourhood changing quickly.",
     "major", ["street", "transport", "social_media"], "monitored", True, 8, [
         ("statistic", "Les faits de délinquance enregistrés dans le quartier de la Gare ont baissé de "
          "12 % en cinq ans, pendant que sa population se diversifiait.",
          "Recorded offences in the Station district fell by 12% in five years, while its "
          "population became more diverse.", "validated", 200, True),
         ("question", "Qu’est-ce qui vous fait vous sentir moins en sécurité, précisément ? "
          "L’éclairage, les commerces fermés, autre chose ?",
          "What exactly makes you feel less safe? The lighting, closed shops, something else?",
          "validated", None, False),
         ("emotional", "La sécurité, c’est aussi connaître ses voisins. On se protège mieux "
          "ensemble.", "Safety also means knowing your neighbours. We protect each other better "
          "together.", "validated", None, False),
     ]),
    (5, [2, 0], "Ils ne veulent pas s’intégrer, ils restent entre eux.",
     "They don’t want to integrate, they keep to themselves.",
     "Le manque de lieux de rencontre entre habitants de cultures différentes.",
     "Few places where residents of different cultures meet.",
     "minor", ["street", "school", "leisure"], "validated", True, 6, [
         ("statistic", "Les cours de français pour adultes de la ville ont une liste d’attente de "
          "six mois : la demande dépasse l’offre.",
          "The city’s French classes for adults have a six-month waiting list: demand exceeds "
          "supply.", "validated", 250, True),
         ("testimony", "« Au club de foot, personne ne demande d’où tu viens, on demande si tu "
          "viens à l’entraînement. » — Inès, entraîneuse bénévole (témoignage de démonstration)",
          "“At the football club, nobody asks where you come from, they ask whether you’re coming to "
          "training.” — Inès, volunteer coach (demonstration testimony)", "validated", None, False),
     ]),
    (0, [3], "Les Roms ne veulent pas travailler.", "Roma people don’t want to work.",
     "", "", "moderate", ["street"], "reported", False, 2, []),
    (5, [0], "À l’école, nos enfants apprennent moins à cause des élèves qui ne parlent pas "
     "français.", "At school, our children learn less because of pupils who don’t speak French.",
     "L’inquiétude des parents pour la réussite scolaire.", "Parents’ worries about school success.",
     "moderate", ["school", "family"], "triaged", False, 4, []),
    (3, [1], "Les demandeurs d’asile sont mieux soignés que nous.",
     "Asylum seekers get better healthcare than we do.",
     "Les délais pour voir un médecin.", "The wait to see a doctor.",
     "minor", ["public_services", "family"], "fading", True, 2, [
         ("question", "Savez-vous quels soins sont couverts pour un demandeur d’asile ? "
          "Et pour vous ?", "Do you know which care is covered for an asylum seeker? And for you?",
          "validated", None, False),
     ]),
]

# Positions in RUMOURS of the rumours heard mostly in the last weeks (the dashboard's "rising").
RISING = {3}
# Wordings over 75 characters carry a short one: the claim as search engines show it.
SHORT_WORDINGS = {1: {"fr": "Les étrangers touchent plus d’aides sociales que les Français",
                      "en": "Foreigners receive more social benefits than nationals"}}

VERBATIMS = [
    ("fr", "Ils prennent tout et nous on n’a rien.", False),
    ("fr", "Au marché tout le monde le dit.", False),
    ("en", "Everyone at the bus stop was saying it.", False),
    ("fr", "Il faudrait tous les renvoyer chez eux, ces parasites.", True),
    ("en", "A post shared in the neighbourhood group.", False),
]
