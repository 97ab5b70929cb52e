"""Dates, bounds and durations in French and English text, resolved against the publication date.

The phrases are found with regular expressions on the folded text (no accents, lower case) and
resolved by the rules below, each result keeping its precision and the rule's name. dateparser
is not used: it misreads French sentences ("ce lundi" becomes a January date).

Rules (``P`` is the publication date, weeks are ISO weeks, Monday to Sunday):

========================  ==========================================================  =========
rule                      phrase → value                                              precision
========================  ==========================================================  =========
weekday-this-week         "ce lundi", "this Monday": that day of P's week              day
weekday-last              "lundi dernier", "last Monday": the latest Monday before P   day
weekday-next              "lundi prochain", "next Monday": the first Monday after P    day
weekday-bare              "lundi", "on Monday": the latest Monday on or before P       day
                          (news reports the recent past)
today / yesterday /       "aujourd'hui", "hier", "demain" and English: P, P-1, P+1     day
tomorrow
last-week / this-week     "la semaine dernière", "last week": the week before P's;     week
                          written as its Monday
last-month / this-month   "le mois dernier", "last month"                              month
last-year / this-year     "l'an dernier", "last year"                                  year
next-year                 "l'an prochain", "next year"                                 year
recent                    "ces derniers mois", "in recent months", "récemment": a      bound
                          bound, before P; no date is recorded
earlier-this-year         "plus tôt cette année", "earlier this year": a bound         bound
by-end-of                 "avant la fin de 2026", "by the end of 2026", "d'ici fin     bound
                          2026": before the end of that year (written 2026)
part-of-year              "early 2027", "début 2027", "au début de 2027", "mid-2026",  year
                          "mi-2026", "late 2026", "fin 2026", "à la fin de 2026",
                          "end of 2026": that year, the part named in the
                          explanation (no month or day is made up)
and-beyond                "jusqu'en 2027 et au-delà", "into 2027 and beyond": from     bound
                          2027
from                      "à partir de 2027", "starting in 2027": from that period     year/month
until                     "jusqu'en 2031", "through 2031": until that period           year/month
half / quarter            "second semestre 2026", "H2 2026", "Q3 2026": the first      month
                          month of that half or quarter
absolute                  "3 novembre 2025", "November 3, 2025", "2025-11-03",         day/month
                          "novembre 2025", "en 2024"; a day with no year takes P's     /year
                          year, or the year before if that puts it over 60 days after P
ago                       "il y a deux ans", "two years ago"                           year/...
duration-next             "sur les sept prochaines années", "over the next seven       P7Y
                          years", "pendant sept ans", "sur 18 mois"
duration-adjective        "seven-year", "7-year", "five-year deal", "contrat de sept   P7Y
                          ans"
duration-decade           "la prochaine décennie", "over the next decade"              P10Y
duration-multi-year       "pluriannuel", "multi-year", "plusieurs années": no exact    duration
                          duration, kept as a note
now                       "immédiatement", "immediately", "dès maintenant": the start  (rel.)
                          is the announcement date
========================  ==========================================================  =========
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable

from .amounts import NUMBER_WORDS
from .model import Span, When
from .text import Folded

_WD = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "janv": 1, "fevr": 2, "juil": 7,
}  # fmt: skip
WD = "(?P<wd>" + "|".join(_WD) + ")"
MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
_NW = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUM = rf"(?P<n>\d{{1,3}}|{_NW})"

Resolver = Callable[[re.Match[str], dt.date], "tuple | None"]
_RULES: list[tuple[str, re.Pattern[str], Resolver]] = []


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def rule(name: str, pattern: str) -> Callable[[Resolver], Resolver]:
    """Register a resolver; alternatives may reuse group names (renamed ``name__2``; read with :func:`g`)."""
    alts = _top_level_alternatives(pattern)
    renamed = [re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{i}>", alt) if i else alt for i, alt in enumerate(alts)]

    def deco(fn: Resolver) -> Resolver:
        _RULES.append((name, re.compile("|".join(renamed)), fn))
        return fn

    return deco


def groups(m: re.Match[str]) -> dict[str, str]:
    """The match's groups with alternatives' copies (``year__2``) folded into one name each."""
    out: dict[str, str] = {}
    for key, value in m.groupdict().items():
        if value is not None:
            out.setdefault(key.split("__", 1)[0], value)
    return out


def g(m: re.Match[str], name: str) -> str | None:
    return groups(m).get(name)


def _day(d: dt.date) -> tuple[str, str, str]:
    return d.isoformat(), d.isoformat(), d.isoformat()


def _week(monday: dt.date) -> tuple[str, str, str]:
    return monday.isoformat(), monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def _month(y: int, m: int) -> tuple[str, str, str]:
    return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{monthrange(y, m)[1]:02d}"


def _year(y: int) -> tuple[str, str, str]:
    return f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31"


def _n(m: re.Match[str]) -> int:
    text = g(m, "n")
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


# --- weekdays and days -----------------------------------------------------------------------


@rule("weekday-this-week", rf"\b(?:ce|this) {WD}\b(?! (?:prochain|dernier|\d))")
def _this_weekday(m, pub):
    d = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=_WD[g(m, "wd")])
    return ("date", "day", *_day(d), f"«{m.group(0)}»: that weekday in the week of {pub} ({d})")


@rule("weekday-last", rf"\b{WD} dernier\b|\blast {WD}\b")
def _last_weekday(m, pub):
    back = (pub.weekday() - _WD[g(m, "wd")]) % 7 or 7
    d = pub - dt.timedelta(days=back)
    return ("date", "day", *_day(d), f"«{m.group(0)}»: the latest {g(m, 'wd')} strictly before {pub} ({d})")


@rule("weekday-next", rf"\b{WD} prochain\b|\bnext {WD}\b")
def _next_weekday(m, pub):
    ahead = (_WD[g(m, "wd")] - pub.weekday()) % 7 or 7
    d = pub + dt.timedelta(days=ahead)
    return ("date", "day", *_day(d), f"«{m.group(0)}»: the first {g(m, 'wd')} after {pub} ({d})")


@rule("weekday-bare", rf"\b(?:on |le )?{WD}\b")
def _bare_weekday(m, pub):
    d = pub - dt.timedelta(days=(pub.weekday() - _WD[g(m, "wd")]) % 7)
    return ("date", "day", *_day(d), f"«{g(m, 'wd')}»: the latest {g(m, 'wd')} on or before {pub} ({d})")


@rule("today", r"\b(?:aujourd'hui|today|ce matin|this morning|ce soir|tonight|cet apres-midi)\b")
def _today(m, pub):
    return ("date", "day", *_day(pub), f"«{m.group(0)}»: the publication day ({pub})")


@rule("yesterday", r"\b(?:avant-)?hier\b|\b(?:the day before )?yesterday\b")
def _yesterday(m, pub):
    back = 2 if m.group(0).startswith(("avant", "the day")) else 1
    d = pub - dt.timedelta(days=back)
    return ("date", "day", *_day(d), f"«{m.group(0)}»: {back} day(s) before {pub} ({d})")


@rule("tomorrow", r"\b(?:apres-)?demain\b|\btomorrow\b")
def _tomorrow(m, pub):
    d = pub + dt.timedelta(days=2 if m.group(0).startswith("apres") else 1)
    return ("date", "day", *_day(d), f"«{m.group(0)}»: after the publication day ({d})")


# --- weeks, months, years relative to P ------------------------------------------------------


@rule("last-week", r"\b(?:la semaine (?:derniere|passee|precedente)|last week|the previous week)\b")
def _last_week(m, pub):
    monday = pub - dt.timedelta(days=pub.weekday() + 7)
    v = _week(monday)
    return ("date", "week", *v, f"«{m.group(0)}»: the week before {pub}'s, {v[1]} to {v[2]} (written as its Monday)")


@rule("this-week", r"\b(?:cette semaine|this week|earlier this week|en debut de semaine)\b")
def _this_week(m, pub):
    monday = pub - dt.timedelta(days=pub.weekday())
    v = _week(monday)
    return ("date", "week", *v, f"«{m.group(0)}»: the week of {pub}, {v[1]} to {v[2]} (written as its Monday)")


@rule("last-month", r"\b(?:le mois (?:dernier|passe)|last month)\b")
def _last_month(m, pub):
    y, mo = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
    v = _month(y, mo)
    return ("date", "month", *v, f"«{m.group(0)}»: the month before {pub} ({v[0]})")


@rule("this-month", r"\b(?:ce mois-ci|this month|earlier this month|en debut de mois)\b")
def _this_month(m, pub):
    v = _month(pub.year, pub.month)
    return ("date", "month", *v, f"«{m.group(0)}»: the month of {pub} ({v[0]})")


@rule("last-year", r"\b(?:l'an (?:dernier|passe)|l'annee (?:derniere|passee)|last year)\b")
def _last_year(m, pub):
    v = _year(pub.year - 1)
    return ("date", "year", *v, f"«{m.group(0)}»: the year before {pub} ({v[0]})")


@rule("next-year", r"\b(?:l'an prochain|l'annee prochaine|next year)\b")
def _next_year(m, pub):
    v = _year(pub.year + 1)
    return ("date", "year", *v, f"«{m.group(0)}»: the year after {pub} ({v[0]})")


@rule("earlier-this-year", r"\b(?:plus tot cette annee|earlier this year|en debut d'annee|earlier in the year)\b")
def _earlier_this_year(m, pub):
    return (
        "bound", "bound", None, f"{pub.year}-01-01", pub.isoformat(),
        f"«{m.group(0)}»: between {pub.year}-01-01 and {pub}; no date is recorded",
    )  # fmt: skip


@rule("this-year", r"\b(?:cette annee|this year)\b")
def _this_year(m, pub):
    v = _year(pub.year)
    return ("date", "year", *v, f"«{m.group(0)}»: the year of {pub} ({v[0]})")


@rule(
    "recent",
    r"\b(?:ces (?:derniers|dernieres) (?:mois|semaines|annees)|au cours des (?:derniers|dernieres) "
    r"(?:mois|semaines)|depuis quelques (?:mois|semaines)|recemment|in recent (?:months|weeks|years)|"
    r"(?:over|in) the (?:past|last) (?:few |several )?(?:months|weeks)|recently|lately)\b",
)
def _recent(m, pub):
    return (
        "bound",
        "bound",
        None,
        None,
        pub.isoformat(),
        f"«{m.group(0)}»: some time before {pub}; no date is recorded",
    )


# --- bounds on years ---------------------------------------------------------------------------


@rule(
    "by-end-of",
    rf"\b(?:avant|d'ici(?: a)?) la fin (?:de |d')(?:l'annee )?{YEAR}\b|\bd'ici(?: a)? (?:la )?fin(?: de)? {YEAR}\b"
    rf"|\b(?:by|before) (?:the )?end(?:-| of )(?:the year )?{YEAR}\b|\bby year-end {YEAR}\b"
    rf"|\b(?:avant|d'ici(?: a)?) la fin de l'annee\b|\b(?:by|before) (?:the )?end of (?:the|this) year\b|"
    rf"\bby year-end\b",
)
def _by_end(m, pub):
    y = int(g(m, "year")) if g(m, "year") else pub.year
    return (
        "bound", "year", str(y), None, f"{y}-12-31",
        f"«{m.group(0)}»: before the end of {y} (a bound, written {y})",
    )  # fmt: skip


@rule("by-year", rf"\bd'ici(?: a)? {YEAR}\b|\bby {YEAR}\b")
def _by_year(m, pub):
    y = int(g(m, "year"))
    return ("bound", "year", str(y), None, f"{y}-12-31", f"«{m.group(0)}»: by {y} (a bound, written {y})")


@rule(
    "and-beyond",
    rf"\b(?:jusqu'en|jusqu'a|en|dans|into|through|in|until|to) {YEAR},? (?:et au-dela|and beyond)",
)
def _and_beyond(m, pub):
    y = int(g(m, "year"))
    return ("bound", "year", str(y), f"{y}-01-01", None, f"«{m.group(0)}»: from {y} on (written {y})")


_HALF = (
    r"(?:(?:au |le |du )?(?P<h>premier|second|deuxieme|1er|2e|2nd) semestre(?: de| d')?|"
    r"(?:the )?(?P<he>first|second) half(?: of)?|(?P<hh>h[12])|(?P<q>q[1-4])|"
    r"(?:au |le |du )?(?P<t>premier|deuxieme|troisieme|quatrieme|1er|2e|3e|4e) trimestre(?: de)?|"
    r"(?:the )?(?P<qe>first|second|third|fourth) quarter(?: of)?)"
)
_HALF_MONTH = {
    "premier": 1, "1er": 1, "first": 1, "h1": 1, "second": 7, "deuxieme": 7, "2e": 7, "2nd": 7, "h2": 7,
}  # fmt: skip
_QUARTER_MONTH = {
    "premier": 1, "1er": 1, "first": 1, "q1": 1, "deuxieme": 4, "2e": 4, "second": 4, "q2": 4,
    "troisieme": 7, "3e": 7, "third": 7, "q3": 7, "quatrieme": 10, "4e": 10, "fourth": 10, "q4": 10,
}  # fmt: skip


def _half_month(m: re.Match[str]) -> int | None:
    gd = groups(m)
    for key in ("h", "he", "hh"):
        if gd.get(key):
            return _HALF_MONTH[gd[key]]
    for key in ("q", "t", "qe"):
        if gd.get(key):
            return _QUARTER_MONTH[gd[key]]
    return None


_FROM = (
    r"(?P<from>a partir d[eu']\s?|des (?:le |la )?|starting (?:in |from )?|beginning (?:in )?|from |as of |"
    r"effective )"
)
_UNTIL = r"(?P<until>jusqu'en |jusqu'a (?:la )?fin (?:de |d')?|jusqu'a |through |until |till )"


#: A part of a year: recorded as the year, its precision, with the part in the explanation.
_PART = (
    r"(?P<part>early|mid-?|late|au debut (?:de |d')|debut (?:de |d')?|mi-?|courant|en debut d'annee|"
    r"(?:la )?fin (?:de |d')?|(?:the )?end of|the (?:start|beginning|middle) of)"
)


@rule("from", rf"\b{_FROM}(?:{_HALF} |{MONTH} |{_PART}\s?)?{YEAR}\b")
def _from(m, pub):
    return _period(m, "from", pub)


@rule("part-of-year", rf"\b(?:(?:in|au|en|a la|d'ici|by) )?{_PART}\s?{YEAR}\b")
def _part_of_year(m, pub):
    return _period(m, None, pub)


@rule(
    "by-end-of-decade",
    r"\b(?:by|before) (?:the )?end of (?:the|this) decade\b|\b(?:d'ici|avant) (?:la )?fin de (?:la|cette) decennie\b",
)
def _by_end_decade(m, pub):
    y = pub.year - pub.year % 10 + 9
    return (
        "bound", "year", str(y), None, f"{y}-12-31",
        f"«{m.group(0)}»: before the end of the decade of {pub.year} ({pub.year - pub.year % 10}s), that is by {y} "
        f"(a bound, written {y})",
    )  # fmt: skip


@rule(
    "year-range",
    rf"\b(?:de|from|between|entre) {YEAR} (?:a|to|and|et|-|through) (?P<y2>(?:19|20)\d\d)\b",
)
def _year_range(m, pub):
    y = int(g(m, "year"))
    v = _year(y)
    return ("date", "year", *v, f"«{m.group(0)}»: from {y} (the range runs to {g(m, 'y2')})", "from")


@rule("until", rf"\b{_UNTIL}(?:{_HALF} |{MONTH} )?{YEAR}\b(?!,? (?:et au-dela|and beyond))")
def _until(m, pub):
    return _period(m, "until", pub)


@rule("half-quarter", rf"\b{_HALF} {YEAR}\b")
def _half(m, pub):
    return _period(m, None, pub)


def _period(m: re.Match[str], bound: str | None, pub: dt.date):
    y = int(g(m, "year"))
    gd = groups(m)
    mo = _half_month(m) if any(gd.get(k) for k in ("h", "he", "hh", "q", "t", "qe")) else None
    if mo is None and gd.get("month"):
        mo = _MONTHS[gd["month"]]
    if mo is not None:
        v = _month(y, mo)
        precision = "month"
    else:
        v = _year(y)
        precision = "year"
    what = {"from": "from", "until": "until", None: "in"}[bound]
    note = f"«{m.group(0)}»: {what} {v[0]}"
    if any(gd.get(k) for k in ("h", "he", "hh", "q", "t", "qe")):
        note += " (the first month of that half or quarter)"
    if gd.get("part"):
        note += f" («{gd['part']}» part of the year: recorded as the year, precision year)"
    return ("date", precision, *v, note, bound)


# --- absolute dates --------------------------------------------------------------------------


def _year_for(day: int, month: int, pub: dt.date) -> tuple[int, str]:
    try:
        d = dt.date(pub.year, month, day)
    except ValueError:
        return pub.year, "the publication year"
    if (d - pub).days > 60:
        return pub.year - 1, f"the year before {pub.year} (in {pub.year} it would be over 60 days after publication)"
    return pub.year, f"the publication year ({pub.year})"


@rule("absolute-iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")
def _iso(m, pub):
    try:
        d = dt.date(int(g(m, "y")), int(g(m, "mo")), int(g(m, "d")))
    except ValueError:
        return None
    return ("date", "day", *_day(d), f"«{m.group(0)}»: an ISO date")


@rule(
    "absolute-day",
    rf"\b(?:{WD},? )?(?:le )?(?P<d>1er|[0-3]?\d)(?:st|nd|rd|th)? (?:of )?{MONTH}(?:,? {YEAR})?\b"
    rf"|\b(?:{WD},? )?{MONTH} (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? {YEAR})?",
)
def _absolute_day(m, pub):
    day_text = g(m, "d") or g(m, "d2")
    day = 1 if day_text == "1er" else int(day_text)
    month = _MONTHS[g(m, "month")]
    if g(m, "year"):
        year, why = int(g(m, "year")), "as written"
    else:
        year, why = _year_for(day, month, pub)
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return ("date", "day", *_day(d), f"«{m.group(0)}»: {d}, year {why}")


@rule("absolute-month", rf"\b(?:en |in |de |d'|since |depuis )?{MONTH} (?:de |of )?{YEAR}\b")
def _absolute_month(m, pub):
    v = _month(int(g(m, "year")), _MONTHS[g(m, "month")])
    return ("date", "month", *v, f"«{m.group(0)}»: {v[0]}")


@rule(
    "absolute-month-no-year",
    rf"\b(?:en|in|d'|au mois d'|au mois de|since|depuis|during|durant) {MONTH}\b(?! (?:de |of )?(?:19|20)\d\d)",
)
def _absolute_month_no_year(m, pub):
    month = _MONTHS[g(m, "month")]
    year, why = _year_for(1, month, pub)
    v = _month(year, month)
    return ("date", "month", *v, f"«{m.group(0)}»: {v[0]}, year {why}")


@rule("absolute-year", rf"\b(?:en|in|au cours de l'annee|during|depuis|since) {YEAR}\b")
def _absolute_year(m, pub):
    v = _year(int(g(m, "year")))
    return ("date", "year", *v, f"«{m.group(0)}»: {v[0]}")


@rule("ago", rf"\bil y a {NUM} (?P<u>ans?|mois|semaines?|jours?)\b|\b{NUM} (?P<ue>years?|months?|weeks?|days?) ago\b")
def _ago(m, pub):
    n = _n(m)
    unit = (g(m, "u") or g(m, "ue")).rstrip("s")
    if unit in ("an", "year"):
        v, p = _year(pub.year - n), "year"
    elif unit in ("moi", "month"):
        total = pub.year * 12 + pub.month - 1 - n
        v, p = _month(total // 12, total % 12 + 1), "month"
    elif unit in ("semaine", "week"):
        monday = pub - dt.timedelta(days=pub.weekday() + 7 * n)
        v, p = _week(monday), "week"
    else:
        v, p = _day(pub - dt.timedelta(days=n)), "day"
    return ("date", p, *v, f"«{m.group(0)}»: {n} {unit}(s) before {pub} ({v[0]})")


# --- durations ---------------------------------------------------------------------------------

_UNIT = r"(?P<u>annees|ans|an|mois|years?|months?)"


def _duration(n: int, unit: str) -> str:
    return f"P{n}M" if unit.startswith(("mois", "month")) else f"P{n}Y"


@rule(
    "duration-next",
    rf"\b(?:sur|au cours|pendant|durant|d'une duree|pour une duree)(?: de)?(?: les| des| une periode d(?:e |'))?"
    rf"(?:\s?(?:environ|quelque|pres de))?\s?\b{NUM} "
    rf"(?:prochaines |prochains |dernieres |derniers )?{_UNIT}(?: (?:prochaines|a venir))?\b"
    rf"|\b(?:over|for|during|across|spanning)(?: the)?(?: next| following| coming)?(?: a period of)?"
    rf"(?: about| around| roughly| some| nearly| approximately)? {NUM} {_UNIT}\b",
)
def _dur_next(m, pub):
    n, unit = _n(m), g(m, "u")
    return ("duration", "duration", _duration(n, unit), None, None, f"«{m.group(0)}»: {_duration(n, unit)}")


@rule(
    "duration-adjective",
    rf"\b{NUM}-(?P<u>years?|months?)\b|\b{NUM} (?P<u2>year|month) (?:deal|contract|agreement|term|lease|"
    rf"pact|partnership)"
    rf"|\b(?:contrat|accord|bail|partenariat|engagement|location)s? (?:[a-z]+ )?de {NUM} (?P<u3>ans|mois)\b",
)
def _dur_adj(m, pub):
    unit = g(m, "u") or g(m, "u2") or g(m, "u3")
    n = _n(m)
    return ("duration", "duration", _duration(n, unit), None, None, f"«{m.group(0)}»: {_duration(n, unit)}")


@rule(
    "duration-decade",
    r"\b(?:la|une|the|a) (?:prochaine |next |coming )?(?:decennie|decade)\b|\bdix ans\b|\bten years\b",
)
def _dur_decade(m, pub):
    return ("duration", "duration", "P10Y", None, None, f"«{m.group(0)}»: a decade, P10Y")


@rule("duration-multi-year", r"\bpluriannuel(?:le)?s?\b|\bmulti-?years?\b|\bplusieurs annees\b|\bseveral years\b")
def _dur_multi(m, pub):
    return ("duration", "duration", None, None, None, f"«{m.group(0)}»: several years, no exact duration")


@rule("now", r"\b(?:immediatement|des maintenant|des a present|sans attendre|immediately|right away|straight away)\b")
def _now(m, pub):
    return ("now", "day", None, None, None, f"«{m.group(0)}»: the start is the announcement itself")


_BOUND_KIND = {"by-end-of": "before", "by-year": "before", "recent": "before", "earlier-this-year": "before",
               "and-beyond": "from", "by-end-of-decade": "before"}  # fmt: skip


def find_whens(original: str, folded: Folded, published: dt.date) -> list[When]:
    """Every date, bound and duration in the text, resolved against ``published``, without overlaps."""
    raw = []
    for name, pattern, fn in _RULES:
        for m in pattern.finditer(folded.text):
            raw.append((m.start(), -(m.end() - m.start()), len(raw), name, m, fn))
    raw.sort(key=lambda r: r[:3])
    out: list[When] = []
    last_end = -1
    for start, neg_len, _, name, m, fn in raw:
        end = start - neg_len
        if start < last_end:
            continue
        res = fn(m, published)
        if res is None:
            continue
        kind, precision, value, first, last, explanation, *rest = res
        bound = rest[0] if rest else _BOUND_KIND.get(name)
        span = folded.span(original, start, end)
        explanation = explanation.replace(f"«{m.group(0)}»", f"«{span.quote}»")
        if kind == "date" and bound is None:
            before = folded.text[max(0, start - 30) : start]
            if _FROM_OPENING.match(m.group(0)) or _FROM_BEFORE.search(before):
                bound, explanation = "from", explanation + "; the words before it say the tie runs from then"
            elif _UNTIL_BEFORE.search(before):
                bound, explanation = "until", explanation + "; the words before it say the tie runs until then"
        out.append(When(span, kind, value, precision, name, explanation, None, first, last, bound))
        if name == "year-range":
            y2 = g(m, "y2")
            s2 = m.end() - len(y2)
            v2 = _year(int(y2))
            out.append(
                When(
                    folded.span(original, s2, m.end()),
                    "date",
                    v2[0],
                    "year",
                    name,
                    f"«{span.quote}»: until {y2}",
                    None,
                    v2[1],
                    v2[2],
                    "until",
                )
            )
        last_end = end
    return out


#: Words before a date that make it the start or the end of the tie ("starting April 1", "à compter
#: du 1er avril", "issued in December"; "through 2029").
_FROM_BEFORE = re.compile(
    r"(?:starting|beginning|from|as of|effective|a partir d[ue']|a compter d[ue']|des le|des|issued|granted|emis|"
    r"emises|attribues?|since|depuis)\s?(?:on |in |le |en |the )?$"
)
_FROM_OPENING = re.compile(r"(?:since|depuis)\b")
_UNTIL_BEFORE = re.compile(
    r"(?:through|until|till|up to|jusqu'(?:en|au|a)|expiring|exercisable until)\s?(?:the |le )?$"
)


def describe_span(span: Span) -> str:
    return f"«{span.quote}» [{span.start}:{span.end}]"
