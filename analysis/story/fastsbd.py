"""pysbd's English segmentation, exactly, with the steps that cannot change the text skipped.

:func:`process` returns what ``pysbd.Segmenter(language="en", clean=False).processor(text)
.process()`` returns (pysbd 0.3.4; MIT licence, by Nipun Sadvilkar), for every text. It is
pysbd's own ``Processor`` and ``ListItemReplacer``, method for method and rule for rule, with
two changes that cannot alter a result:

- **Rules run only where they can match.** pysbd applies about 150 regular-expression
  substitutions to a paragraph (its ``Text.apply``: one ``re.sub`` per rule, each looked up in
  Python's regex cache), most of them for marks the text does not hold (``∯``, ``&ᓴ&``,
  ``ƪƪƪ``, ``♨`` ...). Here each pattern is compiled once, and :data:`NEEDS` lists, for each, the
  characters any match must contain: when the text lacks one, the substitution (or search)
  would find nothing, so it is skipped.
- **Abbreviations.** For each of its 170 abbreviations pysbd searches the line for it after a
  space, case-insensitively ("is" hits every word starting with "is"), and for each hit runs a
  substitution over the whole line that protects the full stop after the abbreviation. Every
  one of those substitutions needs the abbreviation followed by a full stop, so when the
  lower-cased line does not hold ``abbreviation + "."`` the abbreviation is skipped. (A line
  holding one of the four non-ASCII letters that match an ASCII letter when case is ignored,
  ``İ ı ſ K``, takes pysbd's own loop; so does every abbreviation with a full stop inside,
  ``e.g``, whose pattern's ``.`` matches any character.)

``tests/test_fastsbd.py`` checks the result equals pysbd's on every paragraph and sentence of
the BBC corpus, on pysbd's own test cases (the Golden Rules) and on generated paragraphs, and
that each skipped rule's listed characters are indeed needed by its pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

__all__ = ["process", "segmenter"]

#: The non-ASCII letters that match an ASCII letter when case is ignored (re.IGNORECASE):
#: İ and ı (i), ſ (s), the Kelvin sign (k). A line holding one goes through pysbd's own search.
CASE_SPECIALS = frozenset("\u0130\u0131\u017f\u212a")


@lru_cache(maxsize=1)
def segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _needs() -> dict[str, tuple[str, ...]]:
    """For each pattern pysbd uses on English text: strings every match contains (all of them
    must be in the text for the pattern to match). Patterns not listed always run."""
    from pysbd.between_punctuation import BetweenPunctuation as B
    from pysbd.exclamation_words import ExclamationWords
    from pysbd.lang.english import English as E
    from pysbd.lists_item_replacer import ListItemReplacer as L

    needs = {
        # Processor
        E.CONTINUOUS_PUNCTUATION_REGEX: (),  # "!" or "?": checked in code
        E.NUMBERED_REFERENCE_REGEX: (),  # "." or "∯": checked in code
        E.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX: ("(", ")"),
        E.Numbers.PeriodBeforeNumberRule.pattern: (".",),
        E.Numbers.NumberAfterPeriodBeforeLetterRule.pattern: (".",),
        E.Numbers.NewLineNumberPeriodSpaceLetterRule.pattern: ("\r", "."),
        E.Numbers.StartLineNumberPeriodRule.pattern: (".",),
        E.Numbers.StartLineTwoDigitNumberPeriodRule.pattern: (".",),
        E.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern: (".",),
        E.GeoLocationRule.pattern: ("°", "."),
        E.FileFormatRule.pattern: (".",),
        E.SingleNewLineRule.pattern: ("\n",),
        E.QuestionMarkInQuotationRule.pattern: ("?",),
        E.DoublePunctuationRules.DoublePunctuation: (),  # re.match: cheap, always run
        E.PossessiveAbbreviationRule.pattern: (".'s",),
        E.KommanditgesellschaftRule.pattern: ("Co.", "KG"),
        E.SingleLetterAbbreviationRules.SingleUpperCaseLetterAtStartOfLineRule.pattern: (".",),
        E.SingleLetterAbbreviationRules.SingleUpperCaseLetterRule.pattern: (".",),
        E.MULTI_PERIOD_ABBREVIATION_REGEX: (".",),
        ExclamationWords.EXCLAMATION_REGEX: (),  # "!" or "ǃ": checked in code
        # BetweenPunctuation
        B.BETWEEN_SINGLE_QUOTES_REGEX: ("'",),
        B.WORD_WITH_LEADING_APOSTROPHE: ("'",),
        B.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX: ("‘", "’"),
        B.BETWEEN_DOUBLE_QUOTES_REGEX_2: ('"',),
        B.BETWEEN_SQUARE_BRACKETS_REGEX_2: ("[", "]"),
        B.BETWEEN_PARENS_REGEX_2: ("(", ")"),
        B.BETWEEN_QUOTE_ARROW_REGEX_2: ("«", "»"),
        B.BETWEEN_EM_DASHES_REGEX_2: ("--",),
        B.BETWEEN_QUOTE_SLANTED_REGEX_2: ("“", "”"),
        # ListItemReplacer
        L.ALPHABETICAL_LIST_WITH_PERIODS: (".",),
        L.ALPHABETICAL_LIST_WITH_PARENS: (")",),
        L.NUMBERED_LIST_REGEX_1: (".",),
        L.NUMBERED_LIST_REGEX_2: (".",),
        L.NUMBERED_LIST_PARENS_REGEX: (")",),
        L.EXTRACT_ALPHABETICAL_LIST_LETTERS_REGEX: (")",),
        L.ALPHABETICAL_LIST_LETTERS_AND_PERIODS_REGEX: (".",),
        L.ROMAN_NUMERALS_IN_PARENTHESES: ("(", ")"),
        L.SubstituteListPeriodRule.pattern: ("♨",),
        L.ListMarkerRule.pattern: ("☝",),
        L.SpaceBetweenListItemsFirstRule.pattern: ("♨",),
        L.SpaceBetweenListItemsSecondRule.pattern: ("♨",),
        L.SpaceBetweenListItemsThirdRule.pattern: ("☝",),
    }
    for rule in E.AmPmRules.All:
        needs[rule.pattern] = ("∯",)
    for rule in E.EllipsisRules.All:
        needs[rule.pattern] = (
            ("..",) if r"\.\." in rule.pattern or r"\.{3}" in rule.pattern else (".",)
        )
    for rule in E.ExclamationPointRules.All:
        needs[rule.pattern] = ("!",)
    for rule in E.DoublePunctuationRules.All:
        needs[rule.pattern] = (re.sub(r"\\", "", rule.pattern),)  # the two marks themselves
    for rule in (*E.SubSymbolsRules.All, *E.ReinsertEllipsisRules.All, E.SubSingleQuoteRule):
        needs[rule.pattern] = (rule.pattern,)  # literal patterns
    # Needs that are patterns themselves (each begins with a plain character, which Python's
    # regex engine finds fast): a full stop, a space, a full stop; a full stop before a letter.
    stop_space_stop = re.compile(r"\.\s\.")
    needs[E.EllipsisRules.ThreeSpaceRule.pattern] = (stop_space_stop,)  # type: ignore[assignment]
    needs[E.EllipsisRules.FourSpaceRule.pattern] = (stop_space_stop,)  # type: ignore[assignment]
    needs[E.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern] = (re.compile(r"\.[a-zA-Z0-9_]"),)  # type: ignore[assignment]
    return needs


#: A pattern that begins with a look-behind and then one full stop, ``(?<=X)\.REST``, matches
#: exactly where ``\.(?<=X\.)REST`` does (the same single full stop); the second form begins
#: with a plain character, which Python's regex engine looks for fast, where the first is tried
#: at every position.
_LOOKBEHIND_STOP = re.compile(r"\(\?<=([^()]*)\)\\\.(?![{*+?])(.*)", re.S)


def same_matches(pattern: str) -> str:
    """``pattern`` rewritten to begin with its full stop (:data:`_LOOKBEHIND_STOP`), or as it is."""
    m = _LOOKBEHIND_STOP.fullmatch(pattern)
    if m is None:
        return pattern
    return r"\.(?<=" + m.group(1) + r"\.)" + m.group(2)


@lru_cache(maxsize=1)
def _tables():
    return _needs(), {}


def _compiled(pattern: str, flags: int = 0):
    compiled = _tables()[1]
    key = (pattern, flags)
    rx = compiled.get(key)
    if rx is None:
        rx = compiled[key] = re.compile(same_matches(pattern), flags)
    return rx


def _can_match(pattern: str, text: str) -> bool:
    need = _tables()[0].get(pattern)
    if need:
        for s in need:
            if (s not in text) if type(s) is str else (s.search(text) is None):
                return False
    return True


def _sub(pattern: str, repl, text: str, flags: int = 0) -> str:
    """``re.sub(pattern, repl, text, flags=flags)``, skipped when it cannot match."""
    if not _can_match(pattern, text):
        return text
    return _compiled(pattern, flags).sub(repl, text)


def _findall(pattern: str, text: str, flags: int = 0) -> list:
    if not _can_match(pattern, text):
        return []
    return _compiled(pattern, flags).findall(text)


def _search(pattern: str, text: str, flags: int = 0):
    if not _can_match(pattern, text):
        return None
    return _compiled(pattern, flags).search(text)


_LETTER_STOP = re.compile(r"\.(?<=[a-z]\.)")


def _letter_stop_word(text: str) -> bool:
    """Whether a word of ``text`` (at its start or after a space) is one letter a-z and a full
    stop: what every hit of pysbd's ``ALPHABETICAL_LIST_WITH_PERIODS`` is."""
    for m in _LETTER_STOP.finditer(text):
        i = m.start() - 1
        if i == 0 or text[i - 1].isspace():
            return True
    return False


_PLANS: dict = {}
_NUMBER_STOP = re.compile(r"\d\.[\s)]")


def _apply(text: str, *rules) -> str:
    """pysbd's ``Text(text).apply(*rules)``: each rule's ``re.sub`` in turn, skipped when the
    text lacks a string its pattern needs."""
    plan = _PLANS.get(rules)
    if plan is None:
        needs = _tables()[0]
        plan = _PLANS[rules] = [
            (needs.get(r.pattern, ()), _compiled(r.pattern), r.replacement) for r in rules
        ]
    for need, rx, repl in plan:
        for s in need:
            if (s not in text) if type(s) is str else (s.search(text) is None):
                break
        else:
            text = rx.sub(repl, text)
    return text


def _replace_punctuation(match, match_type=None):
    """pysbd's ``punctuation_replacer.replace_punctuation`` with ``str.replace``: its escaping
    of ``( ) [ ] -`` and the unescaping at the end give back the same text, and none of its
    replacements makes a mark a later one replaces."""
    text = (
        match.group()
        .replace(".", "∯")
        .replace("。", "&ᓰ&")
        .replace("．", "&ᓱ&")
        .replace("！", "&ᓳ&")
        .replace("!", "&ᓴ&")
        .replace("?", "&ᓷ&")
        .replace("？", "&ᓸ&")
    )
    if match_type != "single":
        text = text.replace("'", "&⎋&")
    return text


@lru_cache(maxsize=1)
def _classes():
    from pysbd.between_punctuation import BetweenPunctuation
    from pysbd.exclamation_words import ExclamationWords
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer
    from pysbd.processor import Processor

    replace_punctuation = _replace_punctuation
    base = English.AbbreviationReplacer
    abbreviations = [a.strip() for a in English.Abbreviation.ABBREVIATIONS]
    order = {a: k for k, a in reversed(list(enumerate(abbreviations)))}
    dotted = [a for a in abbreviations if "." in a]
    plain = frozenset(a for a in abbreviations if "." not in a)

    class AbbreviationReplacer(base):
        def replace(self):
            self.text = _apply(
                self.text,
                self.lang.PossessiveAbbreviationRule,
                self.lang.KommanditgesellschaftRule,
                *self.lang.SingleLetterAbbreviationRules.All,
            )
            abbr_handled_text = ""
            for line in self.text.splitlines(True):
                abbr_handled_text += self.search_for_abbreviations_in_string(line)
            self.text = abbr_handled_text
            self.replace_multi_period_abbreviations()
            self.text = _apply(self.text, *self.lang.AmPmRules.All)
            if "∯" in self.text:  # the pattern below needs it
                self.text = self.replace_abbreviation_as_sentence_boundary()
            return self.text

        def replace_multi_period_abbreviations(self):
            if "." in self.text:
                base.replace_multi_period_abbreviations(self)

        def search_for_abbreviations_in_string(self, text):
            if not text.isascii() and not CASE_SPECIALS.isdisjoint(text):
                return base.search_for_abbreviations_in_string(self, text)
            if "." not in text:
                return text
            lowered = text.lower()
            # An abbreviation (without a full stop inside) followed by a full stop, at the start
            # of the line or after a space, begins a word of the line: the part before its first
            # full stop.
            found = {w[: w.index(".")] for w in lowered.split() if "." in w}
            found &= plain
            found.update(a for a in dotted if a in lowered)
            for stripped in sorted(found, key=order.__getitem__):
                # pysbd's loop body, for the abbreviations whose substitutions can match
                abbrev_match = re.findall(
                    r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE
                )
                if not abbrev_match:
                    continue
                next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

    class FastListItemReplacer(ListItemReplacer):
        def replace_parens(self):
            return _sub(self.ROMAN_NUMERALS_IN_PARENTHESES, r"&✂&\1&⌬&", self.text)

        def format_numbered_list_with_parens(self):
            self.replace_parens_in_numbered_list()
            self.add_line_breaks_for_numbered_list_with_parens()
            self.text = _apply(self.text, self.ListMarkerRule)

        def format_numbered_list_with_periods(self):
            self.replace_periods_in_numbered_list()
            self.add_line_breaks_for_numbered_list_with_periods()
            self.text = _apply(self.text, self.SubstituteListPeriodRule)

        def scan_lists(self, regex1, regex2, replacement, strip=False):
            if regex1 == self.NUMBERED_LIST_REGEX_1 and not _NUMBER_STOP.search(self.text):
                return  # every hit is a number of one or two digits, a full stop, a space or ")"
            list_array = _findall(regex1, self.text)
            if len(list_array) < 2:
                list(map(int, list_array))  # (as pysbd converts them)
                return  # a list needs two items: pysbd's loop does nothing with fewer
            ListItemReplacer.scan_lists(self, regex1, regex2, replacement, strip)

        def add_line_breaks_for_numbered_list_with_periods(self):
            if "♨" in self.text:
                ListItemReplacer.add_line_breaks_for_numbered_list_with_periods(self)

        def add_line_breaks_for_numbered_list_with_parens(self):
            if "☝" in self.text:
                ListItemReplacer.add_line_breaks_for_numbered_list_with_parens(self)

        def iterate_alphabet_array(self, regex, parens=False, roman_numeral=False):
            if not _can_match(regex, self.text):
                return self.text  # nothing found: pysbd's loop below does nothing
            if regex == self.ALPHABETICAL_LIST_WITH_PERIODS and not _letter_stop_word(self.text):
                return self.text  # no hit: see _letter_stop_word
            return ListItemReplacer.iterate_alphabet_array(self, regex, parens, roman_numeral)

    class FastBetweenPunctuation(BetweenPunctuation):
        def sub_punctuation_between_parens(self, txt):
            return _sub(self.BETWEEN_PARENS_REGEX_2, replace_punctuation, txt)

        def sub_punctuation_between_square_brackets(self, txt):
            return _sub(self.BETWEEN_SQUARE_BRACKETS_REGEX_2, replace_punctuation, txt)

        def sub_punctuation_between_single_quotes(self, txt):
            if "'" not in txt:
                return txt
            if _search(self.WORD_WITH_LEADING_APOSTROPHE, txt) and (not re.search(r"'\s", txt)):
                return txt
            return _sub(
                self.BETWEEN_SINGLE_QUOTES_REGEX,
                partial(replace_punctuation, match_type="single"),
                txt,
            )

        def sub_punctuation_between_single_quote_slanted(self, txt):
            return _sub(self.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX, replace_punctuation, txt)

        def sub_punctuation_between_double_quotes(self, txt):
            return _sub(self.BETWEEN_DOUBLE_QUOTES_REGEX_2, replace_punctuation, txt)

        def sub_punctuation_between_quotes_arrow(self, txt):
            return _sub(self.BETWEEN_QUOTE_ARROW_REGEX_2, replace_punctuation, txt)

        def sub_punctuation_between_em_dashes(self, txt):
            return _sub(self.BETWEEN_EM_DASHES_REGEX_2, replace_punctuation, txt)

        def sub_punctuation_between_quotes_slanted(self, txt):
            return _sub(self.BETWEEN_QUOTE_SLANTED_REGEX_2, replace_punctuation, txt)

    class FastProcessor(Processor):
        def process(self):
            if not self.text:
                return self.text
            self.text = self.text.replace("\n", "\r")
            li = FastListItemReplacer(self.text)
            self.text = li.add_line_break()
            self.replace_abbreviations()
            self.replace_numbers()
            self.replace_continuous_punctuation()
            self.replace_periods_before_numeric_references()
            self.text = _apply(
                self.text,
                self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
                self.lang.GeoLocationRule,
                self.lang.FileFormatRule,
            )
            return self.split_into_segments()

        def split_into_segments(self):
            self.check_for_parens_between_quotes()
            sents = self.text.split("\r")
            sents = self.rm_none_flatten(sents)
            sents = [
                _apply(s, self.lang.SingleNewLineRule, *self.lang.EllipsisRules.All) for s in sents
            ]
            sents = [self.check_for_punctuation(s) for s in sents]
            sents = self.rm_none_flatten(sents)
            postprocessed_sents = []
            for sent in sents:
                sent = _apply(sent, *self.lang.SubSymbolsRules.All)
                post_process_sent = self.post_process_segments(sent)
                if post_process_sent and isinstance(post_process_sent, str):
                    postprocessed_sents.append(post_process_sent)
                elif isinstance(post_process_sent, list):
                    for pps in post_process_sent:
                        postprocessed_sents.append(pps)
            return [_apply(ns, self.lang.SubSingleQuoteRule) for ns in postprocessed_sents]

        def post_process_segments(self, txt):
            if len(txt) > 2 and re.search(r"\A[a-zA-Z]*\Z", txt):
                return txt
            txt = _apply(txt, *self.lang.ReinsertEllipsisRules.All)
            if _search(self.lang.QUOTATION_AT_END_OF_SENTENCE_REGEX, txt):
                return re.split(self.lang.SPLIT_SPACE_QUOTATION_AT_END_OF_SENTENCE_REGEX, txt)
            txt = txt.replace("\n", "")
            return txt.strip()

        def check_for_parens_between_quotes(self):
            if _can_match(self.lang.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX, self.text):
                Processor.check_for_parens_between_quotes(self)

        def replace_continuous_punctuation(self):
            if "!" in self.text or "?" in self.text:
                Processor.replace_continuous_punctuation(self)

        def replace_periods_before_numeric_references(self):
            if "." in self.text or "∯" in self.text:
                self.text = _sub(self.lang.NUMBERED_REFERENCE_REGEX, r"∯\2\r\7", self.text)

        def process_text(self, txt):
            if txt[-1] not in self.lang.Punctuations:
                txt += "ȸ"
            if "!" in txt or "ǃ" in txt:
                txt = _sub(ExclamationWords.EXCLAMATION_REGEX, replace_punctuation, txt)
            txt = self.between_punctuation(txt)
            if not re.match(self.lang.DoublePunctuationRules.DoublePunctuation, txt):
                txt = _apply(txt, *self.lang.DoublePunctuationRules.All)
            txt = _apply(
                txt, self.lang.QuestionMarkInQuotationRule, *self.lang.ExclamationPointRules.All
            )
            txt = FastListItemReplacer(txt).replace_parens()
            return self.sentence_boundary_punctuation(txt)

        def replace_numbers(self):
            self.text = _apply(self.text, *self.lang.Numbers.All)

        def abbreviations_replacer(self):
            return AbbreviationReplacer(self.text, self.lang)

        def between_punctuation_processor(self, txt):
            return FastBetweenPunctuation(txt)

        def sentence_boundary_punctuation(self, txt):
            txt = re.sub(r"&ᓴ&$", "!", txt) if "&ᓴ&" in txt else txt
            return [m.group() for m in _compiled(self.lang.SENTENCE_BOUNDARY_REGEX).finditer(txt)]

    assert not hasattr(English, "ReplaceColonBetweenNumbersRule")  # pysbd's English has neither:
    assert not hasattr(English, "ReplaceNonSentenceBoundaryCommaRule")  # the steps are left out
    assert not hasattr(English, "BetweenPunctuation") and not hasattr(English, "Processor")
    return FastProcessor


def process(text: str) -> list[str]:
    """``pysbd.Segmenter(language="en", clean=False).processor(text).process()``, faster."""
    return _classes()(text, segmenter().language_module, char_span=False).process()
