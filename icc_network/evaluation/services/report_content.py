"""The annual report's content as blocks (headings, paragraphs, tables, charts) in the
report's language, which the PDF and the DOCX writers lay out each in their own way.

Called under ``force_locale``: gettext, Babel's formatters and ``localised`` all answer
in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_date, format_decimal, format_percent, ngettext
from flask_babel import gettext as _

from ...campaigns.vocab import STATUSES
from ...core.calendar import city_today
from ...core.i18n import localised
from ...network.vocab import SECTORS
from ..vocab import QUADRANTS, UNITS
from . import report_charts as charts
from .annual_report import AnnualReport, Figure, MeasureSection


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Text:
    text: str
    kind: str = "body"  # "body", "note" (smaller) or "empty" (a section with nothing)


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()  # right-aligned columns


@dataclass
class ChartBlock:
    chart: charts.Chart
    description: str  # what the image shows, for readers who cannot see it


@dataclass
class Content:
    title: str
    subtitle: str
    blocks: list = field(default_factory=list)


def number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")


def measure_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        # Shares are kept as percentages (0 to 100), as the measures job computes them.
        return format_percent(value / 100, format="#,##0.#%")
    return number(value, 0 if float(value).is_integer() else 1)


def content(report: AnnualReport) -> Content:
    doc = Content(_("Annual report %(year)s", year=report.year),
                  _("Anti-rumours strategy of the Intercultural Cities programme — report for "
                    "the intercultural support group"))
    doc.blocks.append(Text(_("Covers %(start)s to %(end)s. Written on %(today)s.",
                             start=format_date(report.start, "long"),
                             end=format_date(report.end, "long"),
                             today=format_date(city_today(), "long")), "note"))
    for section in (_summary, _strategy, _campaigns, _training, _network, _rumours):
        doc.blocks.extend(section(report))
    return doc


def _figure_table(caption: str, figures: list[Figure], year: int) -> Table:
    return Table(caption, [_("Figure"), str(year), str(year - 1)],
                 [[str(f.label), number(f.value, 1 if f.key.endswith("hours_delivered") else 0),
                   number(f.previous, 1 if f.key.endswith("hours_delivered") else 0)]
                  for f in figures], numeric=(1, 2))


def _summary(report: AnnualReport) -> list:
    rows = [
        [_("Sightings of rumours recorded"), number(report.rumours.total)],
        [_("New rumours detected"), number(report.rumours.new_rumours)],
        [_("Campaigns of the year"), number(report.campaign_count)],
        [_("Organisations that joined the network"), number(report.network.joined_count)],
    ]
    wanted = {"agents.people_trained", "agents.people_certified", "campaigns.people_reached"}
    rows += [[str(f.label), number(f.value)] for f in report.training + report.campaign_figures
             if f.key in wanted]
    return [Heading(_("Summary")), Table(_("The year in figures"), [_("Figure"), str(report.year)],
                                         rows, numeric=(1,))]


# --- the strategy ------------------------------------------------------------------------------


def _strategy(report: AnnualReport) -> list:
    blocks: list = [Heading(_("Results and measures of the strategy"))]
    if not report.results and not report.measures:
        return [*blocks, Text(_("No result and no measure of the strategy has been set up."),
                              "empty")]
    charted = [m for m in report.measures if m.charted]
    for result in report.results:
        blocks.append(Heading(localised(result.title).text, 2))
        if result.programmes:
            blocks.append(Text(_("Programmes towards this result: %(names)s.", names="; ".join(
                localised(p).text for p in result.programmes))))
        for measure in charted:
            if measure.result_id == result.id:
                blocks.extend(_measure_blocks(measure, report.year))
    loose = [m for m in charted if m.result_id not in {r.id for r in report.results}]
    if loose:
        blocks.append(Heading(_("Programmes without a result"), 2))
        for measure in loose:
            blocks.extend(_measure_blocks(measure, report.year))
    others = [m for m in report.measures if not m.charted]
    if others:
        blocks.append(Table(_("Other measures at the end of %(year)s", year=report.year),
                            [_("Measure"), _("For"), _("Last value of the year")],
                            [[localised(m.title).text, localised(m.owner).text if m.owner else "",
                              measure_value(m.last_value(report.year), m.unit)] for m in others],
                            numeric=(2,)))
    return blocks


def _measure_blocks(measure: MeasureSection, year: int) -> list:
    title = localised(measure.title).text
    target = ((measure.target_on, measure.target_value)
              if measure.target_value is not None else None)
    chart = charts.measure_chart(
        measure.points, measure.forecast, measure.baseline, target,
        {"series": _("Measured"), "forecast": _("Forecast without change"),
         "baseline": _("Baseline"), "target": _("Target")}, share=measure.unit == "share")
    rows = []
    for day, value in measure.year_points(year):
        expected = measure.forecast_on(day)
        rows.append([format_date(day, "MMMM y"), measure_value(value, measure.unit),
                     measure_value(expected[0], measure.unit) if expected else "—",
                     (f"{measure_value(expected[1], measure.unit)} – "
                      f"{measure_value(expected[2], measure.unit)}") if expected else "—"])
    facts = [_("Unit: %(unit)s.", unit=UNITS.get(measure.unit, measure.unit))]
    if measure.quadrant in QUADRANTS:
        facts.insert(0, str(QUADRANTS[measure.quadrant]))
    if measure.baseline is not None:
        facts.append(_("Baseline: %(value)s.", value=measure_value(measure.baseline, measure.unit)))
    if target is not None:
        facts.append(_("Target: %(value)s by %(day)s.",
                       value=measure_value(target[1], measure.unit),
                       day=format_date(target[0], "long") if target[0] else "—"))
    facts.append(_("Higher is better.") if measure.polarity == "up" else _("Lower is better."))
    blocks: list = [Heading(title, 3)]
    if measure.owner:
        blocks.append(Text(localised(measure.owner).text, "note"))
    blocks += [ChartBlock(chart, _("Curve of “%(title)s”: measured values, forecast, baseline "
                                   "and target; the table below gives the figures.", title=title)),
               Text(" ".join(facts))]
    if rows:
        blocks.append(Table(_("%(title)s in %(year)s", title=title, year=year),
                            [_("Period"), _("Measured"), _("Forecast"), _("Forecast range")],
                            rows, numeric=(1, 2, 3)))
    else:
        blocks.append(Text(_("No value was measured in %(year)s.", year=year), "empty"))
    return blocks


# --- campaigns, training ---------------------------------------------------------------------


def _campaigns(report: AnnualReport) -> list:
    blocks: list = [Heading(_("Campaigns"))]
    if not report.campaigns:
        return [*blocks, Text(_("No campaign ran in %(year)s.", year=report.year), "empty")]
    blocks.append(Text(ngettext("%(count)s campaign ran during the year.",
                                "%(count)s campaigns ran during the year.",
                                report.campaign_count, count=number(report.campaign_count))))
    reached = sorted((c for c in report.campaigns if c.people), key=lambda c: -c.people)[:10]
    if reached:
        blocks.append(ChartBlock(
            charts.ranking_chart([localised(c.title).text for c in reached],
                                 [c.people for c in reached], _("People reached")),
            _("People reached by each campaign's activities of the year, most first; the table "
              "below gives the figures.")))
    blocks.append(Table(
        _("Campaigns of %(year)s", year=report.year),
        [_("Campaign"), _("Period"), _("Status"), _("Activities held"), _("People reached")],
        [[localised(c.title).text, _("%(start)s to %(end)s", start=format_date(c.starts_on),
                                     end=format_date(c.ends_on)),
          str(STATUSES.get(c.status, c.status)), number(c.activities), number(c.people)]
         for c in report.campaigns], numeric=(3, 4)))
    if report.campaign_count > len(report.campaigns):
        blocks.append(Text(_("The table lists the first %(shown)s campaigns.",
                             shown=len(report.campaigns)), "note"))
    if report.campaign_figures:
        blocks.append(_figure_table(_("Campaign figures"), report.campaign_figures, report.year))
    return blocks


def _training(report: AnnualReport) -> list:
    blocks: list = [Heading(_("Training"))]
    if not report.training or not any(f.value or f.previous for f in report.training):
        return [*blocks, Text(_("No training was held in %(year)s.", year=report.year), "empty")]
    shown = [f for f in report.training if not f.key.endswith("hours_delivered")]
    blocks.append(ChartBlock(
        charts.pair_chart([str(f.label) for f in shown], [f.value for f in shown],
                          [f.previous for f in shown], (str(report.year), str(report.year - 1))),
        _("Training figures of the year beside the previous year; the table below gives the "
          "figures, training hours included.")))
    blocks.append(_figure_table(_("Training of anti-rumour agents"), report.training,
                                report.year))
    return blocks


# --- network and rumours -----------------------------------------------------------------------


def _network(report: AnnualReport) -> list:
    network = report.network
    rows = [[_("Member organisations"), number(network.members_at_end),
             number(network.members_at_start)]]
    if network.ties_at_end is not None:
        rows.append([_("Ties between organisations"), number(network.ties_at_end),
                     number(network.ties_at_start)])
    rows += [[str(f.label), number(f.value), number(f.previous)] for f in network.extra]
    blocks: list = [
        Heading(_("Network")),
        Table(_("Network growth"), [_("Figure"), _("End of %(year)s", year=report.year),
                                    _("Start of %(year)s", year=report.year)], rows,
              numeric=(1, 2)),
        Text(_support_group(network.meetings, network.decisions, report.year)),
    ]
    if not network.joined:
        return [*blocks, Text(_("No organisation joined the network in %(year)s.",
                                year=report.year), "empty")]
    blocks.append(Table(
        ngettext("%(count)s organisation joined the network", "%(count)s organisations joined the "
                 "network", network.joined_count, count=number(network.joined_count)),
        [_("Organisation"), _("Sector"), _("Member since")],
        [[name, str(SECTORS.get(sector, sector)), format_date(since) if since else "—"]
         for name, sector, since in network.joined]))
    return blocks


def _support_group(meetings: int, decisions: int, year: int) -> str:
    if not meetings:
        return _("The intercultural support group did not meet in %(year)s.", year=year)
    return " ".join((
        ngettext("The intercultural support group met %(count)s time during the year.",
                 "The intercultural support group met %(count)s times during the year.",
                 meetings, count=number(meetings)),
        ngettext("It took %(count)s decision.", "It took %(count)s decisions.", decisions,
                 count=number(decisions))))


def _rumours(report: AnnualReport) -> list:
    trends = report.rumours
    blocks: list = [Heading(_("Rumours"))]
    blocks.append(Text(ngettext("%(count)s new rumour was detected during the year.",
                                "%(count)s new rumours were detected during the year.",
                                trends.new_rumours, count=number(trends.new_rumours))))
    if trends.extra:
        blocks.append(_figure_table(_("Rumour figures"), trends.extra, report.year))
    if not trends.total:
        return [*blocks, Text(_("No sighting was recorded in %(year)s.", year=report.year),
                              "empty")]
    months = [format_date(first, "MMM") for first, _n in trends.months]
    blocks += [
        Text(_("%(total)s sightings were recorded, against %(previous)s the year before.",
               total=number(trends.total), previous=number(trends.previous_total))),
        ChartBlock(charts.bar_chart(months, [n for _d, n in trends.months], _("Sightings")),
                   _("Sightings per month; the table below gives the figures.")),
        Table(_("Sightings per month"), [_("Month"), _("Sightings")],
              [[format_date(first, "MMMM y"), number(n)] for first, n in trends.months],
              numeric=(1,)),
        Table(_("Rumours heard most often"), [_("Rumour"), _("Sightings")],
              [[localised(wording).text, number(n)] for wording, n in trends.top], numeric=(1,)),
    ]
    return blocks
