"""Money, capacity and percentages in French and English news text.

Forms read: "38 milliards de dollars", "38 Md$", "1 000 milliards", "$38 billion", "$38bn",
"US$9.7 billion", "€5 milliards", "$1.4 trillion", "4,5 GW", "600 mégawatts", "dix gigawatts",
"27 %". Numbers follow the text's language: in French "1,4" is 1.4 and "1 000" (with a space,
a no-break space or a thin space) is 1000; in English "1,000" is 1000 and "1.4" is 1.4.

The scale trap. "milliard" is 10^9 in both languages. In standard French "billion" is 10^12
and "trillion" 10^18 (long scale), but texts translated from English often keep the English
words (short scale: 10^9 and 10^12). In a French text these two words are therefore flagged
as ambiguous, and the reading is chosen by plausibility: the long-scale reading is kept unless
it gives more than 10^13 of a currency (ten thousand billion, a tenth of world output), in which
case the short-scale reading is taken. So "1 trillion de dollars" reads 10^12 (10^18 dollars
is impossible) and "1,4 billion de dollars" reads 1.4 x 10^12, both flagged with the reason.
In an English text billion and trillion are unambiguous.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from .model import Amount, ScaleFlag
from .text import Folded

#: Above this a money reading is implausible for any deal (10^13 of a currency).
PLAUSIBLE_MAX = Decimal(10) ** 13

#: Number words (French and English) used for capacities and durations.
NUMBER_WORDS: dict[str, int] = {
    "un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
    "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "eleven": 11, "douze": 12,
    "twelve": 12, "quinze": 15, "fifteen": 15, "vingt": 20, "twenty": 20, "trente": 30, "thirty": 30,
}  # fmt: skip

#: More number words for amounts written out ("thirty-eight billion dollars", "seven hundred and fifty
#: megawatts", "neuf cents mégawatts"); durations keep the short list above.
_COMPOUND_WORDS: dict[str, int] = {
    **NUMBER_WORDS,
    "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "treize": 13, "quatorze": 14, "seize": 16, "quarante": 40, "cinquante": 50, "soixante": 60,
    "quatre-vingts": 80, "quatre-vingt": 80, "hundred": 100, "cent": 100, "cents": 100,
}  # fmt: skip
_ONE_WORD = r"(?:" + "|".join(sorted((w for w in _COMPOUND_WORDS if len(w) > 1), key=len, reverse=True)) + r")"
#: A number in words: one word, or up to five more joined by spaces, hyphens, "and" or "et" (bounded, so
#: that a run of number words is read in linear time).
_WORDNUM = rf"(?:{_ONE_WORD}(?:(?:\s+|-)(?:(?:and|et)(?:\s+|-))?{_ONE_WORD}(?![\w-])){{0,5}}(?![\w-]))"


def words_value(words: str) -> int:
    """The value of a number in words: "seven hundred and fifty" is 750, "trente-huit" 38."""
    tokens = re.split(r"[\s-]+", words.replace("quatre-vingt", "quatrevingt"))
    value = 0
    for t in tokens:
        if t in ("and", "et"):
            continue
        if t in ("hundred", "cent", "cents"):
            value = (value or 1) * 100
        else:
            value += 80 if t.startswith("quatrevingt") else _COMPOUND_WORDS[t]
    return value


_NUM = (
    r"(?<![\w.,])(?:\d{1,3}(?: \d{3}){1,5}(?:,\d{1,6})?|\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?"
    r"|\d{1,3}(?:\.\d{3}){2,5}(?:,\d{1,6})?|\d{1,15}(?:[.,]\d{1,6})?)(?![\d])"
)
_CURRENCY = {
    "$": "USD", "us$": "USD", "$us": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "livre": "GBP", "livres": "GBP", "livres sterling": "GBP",
    "yen": "JPY", "yens": "JPY", "jpy": "JPY", "¥": "JPY",
}  # fmt: skip
_CUR_PRE = r"(?P<cur>us\$|\$us|\$|€|£|usd|eur|gbp)"
_CUR_POST = r"(?P<cur>dollars?(?: americains| us)?|euros?|livres sterling|livres?|yens?|usd|eur|gbp|jpy|\$|€|£|¥)"
_MULT_WORD = r"milliards?|billions?|trillions?|millions?|mille|thousand|bn|tn|trn|mds?|mn|mio"

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "currency-first",
        re.compile(
            rf"{_CUR_PRE}\s?(?P<num>{_NUM})\s{{0,3}}(?P<mult>{_MULT_WORD}|b|t|m|k)?(?![\w$€£])",
        ),
    ),
    (
        "currency-after",
        re.compile(
            rf"(?:(?P<num>{_NUM})|(?<![\w])(?P<word>{_WORDNUM}|mille))\s{{0,3}}"
            rf"(?:(?P<mult>{_MULT_WORD})\s{{0,3}}|(?P<letter>[mgk])(?=\s{{0,3}}[$€£]))?"
            rf"(?:de |d')?\s{{0,3}}{_CUR_POST}(?![\w])",
        ),
    ),
    (
        "no-currency",
        re.compile(
            rf"(?:(?P<num>{_NUM})|(?<![\w])(?P<word>un|une|a|one|mille))\s{{0,3}}(?P<mult>milliards?|billions?|trillions?)(?![\w])"
        ),
    ),
    (
        "capacity",
        re.compile(
            rf"(?:(?P<num>{_NUM})|(?<![\w])(?P<word>{_WORDNUM}|a))\s{{0,3}}-?\s{{0,3}}(?P<cap>gw|mw|gigawatts?|megawatts?)(?![\w])"
        ),
    ),
    ("percent", re.compile(rf"(?P<num>{_NUM})\s{{0,3}}(?:%|pour ?cent|percent|per cent)(?![\w])")),
    (
        "shares",
        re.compile(
            rf"(?P<num>{_NUM})\s{{0,3}}(?P<mult>millions?|billions?|milliards?|mn|m|bn)?\s{{1,3}}(?:of\s{{1,3}}|d'|de\s{{1,3}})?"
            r"(?:(?:[a-z-]{1,20}|its|their|ses|leurs)\s{1,3}){0,3}(?:common\s{1,3}|new\s{1,3}|ordinary\s{1,3})?"
            r"(?:shares|actions)(?![\w])"
        ),
    ),
]

_LOWER = re.compile(
    r"(?:plus de|au moins|au-dela de|superieure? a|plus d'|more than|over|at least|in excess of|"
    r"upwards of|north of|above|exceeding)\s*$"
)
_UPTO = re.compile(r"(?:jusqu'a|up to|as much as|as high as|au maximum|at most|au plus)\s*$")
_ABOUT = re.compile(
    r"(?:environ|pres de|quelque|autour de|about|around|roughly|approximately|nearly|almost|some|"
    r"an estimated|estimated at|~)\s*$"
)
_NOT_DEAL_AFTER = re.compile(
    r"^\s*(?:de |d')?\s*(?:valorisation|valuation|capitalisation|market (?:cap|value)|chiffre d'affaires|"
    r"revenue|of revenue|in (?:annual )?revenue|de revenus|post-money|pre-money)"
)
#: A rate, not a total: "$920 million per month", "1,25 milliard par mois", "$23 a share".
_RATE_AFTER = re.compile(
    r"^\s?(?:a|per|par|each|every|chaque|l')\s?(?:month|year|annum|mois|an|annee|share|action|titre|piece|unite)s?\b"
    r"|^\s?(?:monthly|annually|mensuels?|annuels?)\b"
)
#: A price, not a deal's value: "at $23.28 a share", "au prix de 87,20 dollars".
_PRICE_BEFORE = re.compile(r"(?:au prix (?:unitaire )?de|at a price of|priced at|a strike (?:price )?of|at)\s?$")
#: A capacity written as the size of a site ("a 230-megawatt campus"): the site's, not the deal's.
_SITE_AFTER = re.compile(r"^\s?(?:campus|site|data ?cent(?:er|re)s?|facilit(?:y|ies)|cluster|plant|complex|park)\b")
#: A company's size with a verb between: "whose market value tops $4 trillion", «dont la capitalisation
#: dépasse 4 000 milliards», "its valuation reached $730 billion", "revenue of about $13 billion".
_SIZE_BEFORE = re.compile(
    r"\b(?:market (?:value|cap|capitali[sz]ation)|valuation|valorisation|capitalisation(?: boursiere)?|"
    r"revenues?|chiffre d'affaires|sales)\s(?:(?!deal|contract|agreement|accord|contrat|investment|investissement)"
    r"[a-z']+\s){0,3}$"
)
#: A round's total, not one investor's figure: "a $2 billion Series C", "a $6.6 billion funding round",
#: "un tour de table de 2 milliards", "sa série C de 2 milliards".
_ROUND_AFTER = re.compile(
    r"^\s?(?:series [a-h]\b|(?:funding |financing |fundraising |equity |venture )?round\b|fund-?raise\b|raise\b)"
)
_ROUND_BEFORE = re.compile(
    r"(?:tour de table|tour de financement|levee de fonds|serie [a-h]|series [a-h] round of)\s(?:de |d')"
    r"(?:(?:environ|quelque|pres de|plus de)\s)?$"
)
#: "each" / "chacun": the amount is for every member of a list ("500 millions de dollars chacun").
_EACH = re.compile(r"^\s?,?\s?(?:each|apiece|chacune?s?)\b")
_EACH_BEFORE = re.compile(r"\b(?:chacune?s?|each)\s(?:[a-z']+\s){0,2}$")
#: An approximation before an amount ("valued at about", «valorisée à environ»).
_ROUGHLY = r"(?:(?:about|around|some|roughly|nearly|environ|quelque|pres de|plus de|more than)\s*)?"
_NOT_DEAL_BEFORE = re.compile(
    r"(?:valued at|valuation of|valorisee?s? (?:a )?|valorisation de|market value of|"
    # "that valued the British company at $14.6 billion", "qui valorise la société à 14,6 milliards"
    r"\bvalu(?:ed|ing|es) (?:the|it|its|them|a|an)\b[^,;$0-9]{0,30}? at|\bvaloris(?:e|ant|ait|ent) "
    r"(?:la|le|l'|les)[^,;$0-9]{0,30}? a)\s*"
    rf"{_ROUGHLY}$"
)
#: "a deal valued at about $20 billion" values the deal itself, not a company.
_DEAL_VALUED_BEFORE = re.compile(
    r"\b(?:deal|agreement|contract|transaction|licen[cs]e|pact|accord|contrat|operation)s?\s+(?:[a-z]+\s+){0,2}?"
    rf"(?:valued at|valorisee?s? a)\s*{_ROUGHLY}$"
)


def parse_number(text: str, lang: str) -> Decimal:
    """A written number as a Decimal, following the language's separators ("1,4" fr, "1,000" en)."""
    s = text.replace(" ", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        return Decimal(s.replace(thou, "").replace(dec, "."))
    if "," in s:
        if s.count(",") > 1 or (lang == "en" and re.fullmatch(r"\d{1,3},\d{3}", s)):
            return Decimal(s.replace(",", ""))
        return Decimal(s.replace(",", "."))
    if "." in s:
        if s.count(".") > 1 or (lang == "fr" and re.fullmatch(r"\d{1,3}\.\d{3}", s)):
            return Decimal(s.replace(".", ""))
    return Decimal(s)


def _multiplier(word: str | None, lang: str, number: Decimal) -> tuple[Decimal, str, ScaleFlag | None]:
    """Power of ten for a multiplier word, the rule in words, and a flag when the scale is ambiguous."""
    if not word:
        return Decimal(1), "", None
    w = word.rstrip("s") if word not in ("mds",) else "md"
    e9, e12, e18 = Decimal(10) ** 9, Decimal(10) ** 12, Decimal(10) ** 18
    if w in ("milliard", "md", "g"):
        return e9, f"«{word}» = 10^9", None
    if w in ("bn", "b"):
        return e9, f"«{word}» = billion (10^9, English abbreviation)", None
    if w in ("tn", "trn", "t"):
        return e12, f"«{word}» = trillion (10^12, English abbreviation)", None
    if w in ("million", "mn", "mio", "m"):
        return Decimal(10) ** 6, f"«{word}» = 10^6", None
    if w in ("mille", "thousand", "k"):
        return Decimal(1000), f"«{word}» = 10^3", None
    if w == "billion":
        if lang != "fr":
            return e9, "«billion» = 10^9 (English short scale)", None
        if number * e12 > PLAUSIBLE_MAX:
            why = (
                f"standard French «billion» is 10^12, but {number} x 10^12 would exceed 10^13, "
                "implausible for a deal: read as the English word (10^9) kept by a translation"
            )
            return e9, "«billion» read as 10^9", ScaleFlag(word, "10^9", "10^12", why)
        why = (
            "standard French «billion» is 10^12 (long scale); a text translated from English may mean "
            "10^9: kept 10^12, check the source"
        )
        return e12, "«billion» read as 10^12", ScaleFlag(word, "10^12", "10^9", why)
    if w == "trillion":
        if lang != "fr":
            return e12, "«trillion» = 10^12 (English short scale)", None
        if number * e18 > PLAUSIBLE_MAX:
            why = (
                "standard French «trillion» is 10^18 (long scale), implausible for any amount of money; "
                "read as the English «trillion» (10^12) kept by a translation"
            )
            return e12, "«trillion» read as 10^12", ScaleFlag(word, "10^12", "10^18", why)
        return e18, "«trillion» = 10^18 (French long scale)", ScaleFlag(word, "10^18", "10^12", "tiny number")
    return Decimal(1), "", None


def find_amounts(original: str, folded: Folded, lang: str) -> list[Amount]:
    """Every amount of money, capacity or percentage in the text, in text order, without overlaps."""
    raw: list[tuple[int, int, str, re.Match[str]]] = []
    text = folded.text
    for form, pattern in _FORMS:
        for m in pattern.finditer(text):
            raw.append((m.start(), m.end(), form, m))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[Amount] = []
    last_end = -1
    for start, end, form, m in raw:
        if start < last_end:
            continue
        amount = _amount(original, folded, lang, form, m)
        if amount is None:
            continue
        out.append(amount)
        last_end = end
    out += _shared_unit(original, folded, lang, out)
    out.sort(key=lambda a: a.span.start)
    return _inherit_currency(original, out)


def _inherit_currency(original: str, amounts: list[Amount]) -> list[Amount]:
    """ "25 milliards de dollars : 5 milliards immédiatement et 20 milliards plus tard": amounts
    that name no currency take that of the amount before them in the same sentence (within 200
    characters), and say so."""
    out: list[Amount] = []
    last: Amount | None = None
    for a in amounts:
        if a.kind == "money" and a.unit is None and last is not None:
            between = original[last.span.end : a.span.start]
            if len(between) <= 200 and not re.search(r"[.!?]\s", between):
                rule = f"{a.rule}; the currency of «{last.span.quote}» before it"
                a = Amount(a.span, a.value, last.unit, "money", rule, a.scale, a.lower_bound, a.qualifier, a.excluded)
        if a.kind == "money" and a.unit is not None:
            last = a
        out.append(a)
    return out


#: A bare number before "et"/"and" and an amount ("10 et 5 milliards de dollars", "$10 and $5 billion").
_BARE_BEFORE = re.compile(r"(?<![\w.,])(?P<cur>[$€£])?(?P<num>\d{1,4}(?:[.,]\d{1,3})?)\s?(?:et|and|&|ou|or|,)\s?$")


def _shared_unit(original: str, folded: Folded, lang: str, amounts: list[Amount]) -> list[Amount]:
    """Numbers that share the multiplier and currency of the amount after them: "respectivement 10
    et 5 milliards de dollars" is 10 x 10^9 and 5 x 10^9 USD."""
    found: list[Amount] = []
    taken = {(a.span.start, a.span.end) for a in amounts}
    for a in amounts:
        if a.kind != "money" or a.unit is None or a.excluded:
            continue
        head = a
        for _ in range(3):
            i = bisect.bisect_left(folded.starts, head.span.start, 0, len(folded.starts) - 1)
            w0 = max(0, i - 20)
            m = _BARE_BEFORE.search(folded.text[w0:i])
            if m is None:
                break
            s, e = w0 + m.start("cur" if m.group("cur") else "num"), w0 + m.end("num")
            span = folded.span(original, s, e)
            if (span.start, span.end) in taken:
                break
            number = parse_number(m.group("num"), lang)
            factor = a.value / parse_number(_lead_number(a.span.quote), lang) if _lead_number(a.span.quote) else None
            if not factor:
                break
            rule = f"shares the multiplier and currency of «{a.span.quote}»"
            head = Amount(span, number * factor, a.unit, "money", rule, a.scale, a.lower_bound, a.qualifier)
            found.append(head)
            taken.add((span.start, span.end))
    return found


def _lead_number(quote: str) -> str | None:
    m = re.search(r"\d[\d\s.,]*\d|\d", quote)
    return m.group(0) if m else None


def _amount(original: str, folded: Folded, lang: str, form: str, m: re.Match[str]) -> Amount | None:
    gd = m.groupdict()
    if gd.get("num"):
        number = parse_number(gd["num"], lang)
    elif gd.get("word"):
        number = Decimal(1000) if gd["word"] == "mille" else Decimal(words_value(gd["word"]))
    else:
        return None
    span = folded.span(original, m.start(), m.end())
    before = folded.text[max(0, m.start() - 30) : m.start()]
    after = folded.text[m.end() : m.end() + 40]
    lower = bool(_LOWER.search(before))
    qualifier = "up to" if _UPTO.search(before) else "about" if _ABOUT.search(before) else None
    if form == "capacity":
        cap = gd["cap"]
        unit = "GW" if cap.startswith("g") else "MW"
        excluded = None
        if "-" in m.group(0) and _SITE_AFTER.search(after):
            excluded = "the size of a site («a 230-megawatt campus»), not the capacity of the deal"
        return Amount(span, number, unit, "capacity", f"{unit} capacity", None, lower, qualifier, excluded)
    if form == "percent":
        return Amount(span, number, "percent", "percent", "a percentage", None, lower, qualifier)
    if form == "shares":
        factor, rule, scale = _multiplier(gd.get("mult"), lang, number)
        return Amount(
            span,
            number * factor,
            "shares",
            "shares",
            ("a number of shares; " + rule).strip("; "),
            scale,
            lower,
            qualifier,
        )
    mult_word = gd.get("mult") or gd.get("letter")
    if gd.get("word") and not mult_word:
        return None
    factor, rule, scale = _multiplier(mult_word, lang, number)
    value = number * factor
    unit = _CURRENCY.get(gd.get("cur") or "", None)
    if unit is None and form != "no-currency":
        return None
    if form == "no-currency":
        rule = (rule + "; no currency named").strip("; ")
    if gd.get("word") == "mille":
        rule = "«mille» x " + rule
    excluded = None
    if _NOT_DEAL_AFTER.search(after) or (_NOT_DEAL_BEFORE.search(before) and not _DEAL_VALUED_BEFORE.search(before)):
        excluded = "a valuation or revenue figure, not the value of a deal"
    elif _RATE_AFTER.search(after):
        excluded = "a rate (per month, per year, per share), not the total value of a deal"
    elif _SIZE_BEFORE.search(before):
        excluded = "the size of a company (market value, valuation, revenue), not the value of a deal"
    elif _ROUND_AFTER.search(after) or _ROUND_BEFORE.search(before):
        excluded = "the total of a funding round, not one investor's figure"
    elif _PRICE_BEFORE.search(before) and number * factor < 10**6:
        excluded = "a price, not the value of a deal"
    elif _EACH.search(after) or _EACH_BEFORE.search(before):
        qualifier = "each"
    return Amount(span, value, unit, "money", rule or "as written", scale, lower, qualifier, excluded)
