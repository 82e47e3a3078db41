"""Chinese text handling shared by every engine: normalisation, jieba segmentation (search mode),
user-query parsing (words, quoted phrases, `-exclusions`), identifier detection and pinyin keys
(文号 normalisation itself lives in cms/disclosure/document_numbers.py).

Tokens produced here contain only letters, digits and CJK characters, so no engine's query syntax
(quotes, `*`, `:`, `NEAR`, `AND`, parentheses) can ever reach an engine from user input."""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import jieba
import opencc
from pypinyin import lazy_pinyin

# 文号 rules have one home (GB/T 9704, STANDARDS.md §4); search uses them, never its own copy.
from cms.disclosure.document_numbers import looks_like_document_number

jieba.setLogLevel(logging.WARNING)

# Queries longer than this are cut, with a notice to the user.
MAX_QUERY_LENGTH = 100
# Terms that are engine operators when written in capitals; as plain words they are kept.
ENGINE_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})

_WORD_CHARS = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_LETTERS = re.compile(r"^[a-z]+$")
_LATIN = re.compile(r"[a-zA-Z0-9]")
_INDEX_NUMBER = re.compile(r"^[0-9A-Za-z]{6,30}[/\-][0-9A-Za-z/\-]{2,40}$")
_QUOTES = '"“”＂「」『』'


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_input(text: str) -> str:
    """User input with control characters (NUL above all: PostgreSQL text rejects it) replaced by
    spaces and the ends trimmed. Every query and parameter value passes through here first."""
    return _CONTROL_CHARS.sub(" ", text or "").strip()


# Traditional to simplified script (OpenCC's maintained character and phrase tables): a page
# written in either script is indexed, and a query in either script is searched, in one form.
_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """`text` in simplified script, character for character: the result has the same length, so
    a match found in the folded text marks the same positions of the original (search.highlight).
    OpenCC maps every single character to one character; a phrase rule that changes the length
    (none in OpenCC 1.1's t2s data, but the data is maintained upstream) is undone line by line,
    then character by character."""
    if not text or text.isascii():
        return text or ""
    folded = _T2S.convert(text)
    if len(folded) == len(text):
        return folded
    lines = text.split("\n")
    if len(lines) > 1:
        return "\n".join(to_simplified(line) for line in lines)
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = _T2S.convert(char)
    return folded if len(folded) == 1 else char


def to_traditional(text: str) -> str:
    """The usual traditional form of a simplified text: quoted phrases are matched verbatim
    on stored text, so they are looked for in both scripts (see ParsedQuery.phrase_forms)."""
    return _S2T.convert(text) if text and not text.isascii() else text or ""


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII), simplified script and lower case; for
    matching only. Every index token and query word passes through here, so 繁體 and 简体
    are the same to search."""
    return to_simplified(unicodedata.normalize("NFKC", text or "")).lower()


def clean_tokens(raw: list[str] | tuple[str, ...]) -> list[str]:
    return _word_runs([normalise(token) for token in raw])


def _word_runs(tokens: list[str]) -> list[str]:
    """The word-character runs of tokens cut from a text `normalise` has already folded (the
    tokenisers below fold the whole text once, not each of its tokens again)."""
    runs: list[str] = []
    for token in tokens:
        runs.extend(_WORD_CHARS.findall(token))
    return runs


def segment(text: str) -> list[str]:
    """Search-mode segmentation (`jieba.cut_for_search`) as clean tokens, in text order."""
    if not text:
        return []
    return _word_runs(list(jieba.cut_for_search(normalise(text), HMM=False)))


def segment_joined(text: str) -> str:
    return " ".join(segment(text))


@dataclass(frozen=True)
class TextAnalysis:
    """What one jieba pass over a text yields: `tokens`, the tokens it is indexed under
    (`index_tokens`), and `words`, the words of two characters or more of the accurate cut
    (what `words` yields, in text order), which the vocabulary learns."""

    tokens: tuple[str, ...]
    words: tuple[str, ...]


def analyse(text: str) -> TextAnalysis:
    """Index tokens and accurate-cut words of a text from one segmentation: the DAG and route
    the index tokens need are the accurate cut's, so the vocabulary does not cut the text again."""
    tokens: list[str] = []
    found: list[str] = []
    for block in jieba.re_han_default.split(normalise(text)):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            block_tokens, block_words = analyse_block(block)
            tokens.extend(block_tokens)
            found.extend(block_words)
        else:
            tokens.extend(
                _word_runs(list(block))
            )  # what jieba does: non-word characters one by one
    return TextAnalysis(tuple(tokens), tuple(found))


def index_tokens(text: str) -> list[str]:
    """Tokens a text is indexed under: the search-mode tokens, plus every dictionary word of
    three characters or more found anywhere in it (jieba's DAG), even across the words of the
    accurate cut. A query word is then found wherever it is written, however jieba cut the
    surrounding text, with one token lookup. Two-character words across a cut are left out:
    they are almost all accidents (线或 in 热线或, 开工 in 公开工作). In text order; about 3 %
    more tokens than search mode."""
    return list(analyse(text).tokens)


# Blocks whose analysis a process keeps: the same block recurs within a cluster (standard
# phrases of notices, an agency's name, a republished page's unchanged text) and its analysis
# depends on nothing else (jieba's dictionary is never changed at run time). On the demo
# cluster 13,454 distinct blocks of 49,792 (58 % of the characters recur). About 1 KB each.
BLOCK_CACHE_SIZE = 20_000


@lru_cache(maxsize=BLOCK_CACHE_SIZE)
def analyse_block(block: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One jieba block's index tokens and accurate-cut words (see `analyse`). At each position
    its dictionary words (two-character ones only inside a word of the accurate cut), and the
    single characters and Latin/digit runs of that cut (the DAG lacks those). The tokens of a
    text are its blocks' tokens in order, so this is the unit a cache can hold."""
    dag = _dag(block)
    starts, singles, cut_words = _accurate_cut(block, dag)
    tokens: list[str] = []
    for start in range(len(block)):
        for end in dag[start]:
            if end > start + 1 or (end == start + 1 and end not in starts):
                tokens.append(block[start : end + 1])
        if start in singles:
            tokens.append(singles[start])
    return tuple(_word_runs(tokens)), tuple(_word_runs(cut_words))


def _dag(block: str) -> dict[int, list[int]]:
    """jieba's DAG of `block` (`Tokenizer.get_DAG`: at each start, the ends of its dictionary
    words, or the start alone), without its per-call initialisation check."""
    freq = _dictionary()
    length = len(block)
    dag: dict[int, list[int]] = {}
    for start in range(length):
        ends = []
        end = start
        fragment = block[start]
        while end < length and fragment in freq:
            if freq[fragment]:
                ends.append(end)
            end += 1
            fragment = block[start : end + 1]
        dag[start] = ends or [start]
    return dag


def _route(block: str, dag: dict[int, list[int]]) -> dict[int, tuple[float, int]]:
    """jieba's best route through the DAG (`Tokenizer.calc`), the same floats and ties (the
    larger end wins), with each word's log frequency looked up once per process instead of
    computed at each position of each block: about a third of a rebuild's segmentation."""
    log_frequency = _LOG_FREQUENCY
    route: dict[int, tuple[float, int]] = {len(block): (0, 0)}
    for start in range(len(block) - 1, -1, -1):
        best: tuple[float, int] | None = None
        for end in dag[start]:
            word = block[start : end + 1]
            weight = log_frequency.get(word)
            if weight is None:
                weight = log_frequency[word] = _log_frequency(word)
            candidate = (weight + route[end + 1][0], end)
            if best is None or candidate > best:
                best = candidate
        route[start] = best  # type: ignore[assignment]
    return route


# word → log(frequency) − log(total), as Tokenizer.calc computes it (1 for an unknown word).
_LOG_FREQUENCY: dict[str, float] = {}


def _log_frequency(word: str) -> float:
    return math.log(_dictionary().get(word) or 1) - math.log(jieba.dt.total)


def _dictionary() -> dict[str, int]:
    """jieba's word → frequency table (prefixes of words map to 0), loaded on first use."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def _accurate_cut(
    block: str, dag: dict[int, list[int]]
) -> tuple[set[int], dict[int, str], list[str]]:
    """Where the words of jieba's accurate cut (no HMM) start, start → token for its
    one-character steps, runs of Latin letters and digits joined as `jieba.cut` joins them, and
    its words of two characters or more."""
    route = _route(block, dag)
    starts: set[int] = set()
    singles: dict[int, str] = {}
    cut_words: list[str] = []
    run: int | None = None  # start of the current Latin/digit run
    position = 0
    while position < len(block):
        starts.add(position)
        end = route[position][1] + 1
        single = end - position == 1
        latin = single and bool(_LATIN.match(block[position]))
        if run is not None and not latin:
            singles[run], run = block[run:position], None
        if latin and run is None:
            run = position
        elif single and not latin:
            singles[position] = block[position]
        elif not single:
            cut_words.append(block[position:end])
        position = end
    if run is not None:
        singles[run] = block[run:]
    return starts, singles, cut_words


def index_tokens_joined(text: str) -> str:
    return " ".join(index_tokens(text))


def words(text: str) -> list[str]:
    """Accurate-mode words (no HMM, so the same text always yields the same words)."""
    return _word_runs(list(jieba.cut(normalise(text), HMM=False)))


@lru_cache(maxsize=4096)
def word_parts(word: str) -> tuple[str, ...]:
    """Search-mode parts of a word other than the word itself (社会保险 → 社会, 保险), so a
    query word still matches text that jieba segmented differently in context."""
    parts = [part for part in segment(word) if part != word]
    return tuple(dict.fromkeys(parts))


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def pinyin_key(word: str) -> str:
    """Toneless pinyin without separators: 社保 → shebao."""
    return "".join(lazy_pinyin(word)).lower()


def looks_like_pinyin(word: str) -> bool:
    return bool(_ASCII_LETTERS.match(word)) and 2 <= len(word) <= 40


def looks_like_identifier(value: str) -> bool:
    """A 文号 or a 索引号 typed as the whole query."""
    value = value.strip()
    return looks_like_document_number(value) or bool(_INDEX_NUMBER.match(value))


@dataclass
class ParsedQuery:
    """A user query taken apart. `words` must all match (each possibly through alternatives:
    synonyms or pinyin), `phrases` must appear verbatim, `excluded` must not appear."""

    raw: str = ""
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    truncated: bool = False
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    # phrase (folded) → the phrase as typed (lower case, unfolded script), for verbatim matching.
    typed_phrases: dict[str, str] = field(default_factory=dict)
    # Chinese characters typed as a word of their own ("社", "县 公告"), not split off a longer
    # word by jieba (县 of 清源县): only these are matched as prefixes (search.engines.fulltext).
    lone_characters: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases)

    def phrase_forms(self, phrase: str) -> list[str]:
        """The verbatim forms a quoted phrase is looked for in stored (unfolded) text: as the
        visitor typed it, in simplified and in traditional script."""
        forms = [self.typed_phrases.get(phrase, phrase), phrase, to_traditional(phrase)]
        return [form for form in dict.fromkeys(forms) if form]

    @property
    def highlight_terms(self) -> list[str]:
        terms = list(self.words) + list(self.phrases)
        for options in self.alternatives.values():
            terms.extend(options)
        return [term for term in dict.fromkeys(terms) if term]


def _joined_phrase(tokens: list[str]) -> str:
    phrase = " ".join(tokens)
    return phrase.replace(" ", "") if is_cjk(phrase) else phrase


def parse_query(text: str) -> ParsedQuery:
    """Split a user query into words, "quoted phrases" and -exclusions. Never raises: stray
    quotes, operators and punctuation are treated as separators."""
    text = clean_input(text)
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=text, truncated=truncated)
    for quote in _QUOTES:
        text = text.replace(quote, '"')
    pieces = text.split('"')
    # Odd positions are inside quotes; an unbalanced last quote leaves a plain tail.
    closed = len(pieces) % 2 == 1
    for position, piece in enumerate(pieces):
        inside = position % 2 == 1 and (closed or position < len(pieces) - 1)
        if inside:
            phrase = _joined_phrase(clean_tokens([piece]))
            if phrase:
                parsed.phrases.append(phrase)
                typed = unicodedata.normalize("NFKC", piece).lower()
                parsed.typed_phrases[phrase] = _joined_phrase(_WORD_CHARS.findall(typed))
            continue
        for chunk in piece.split():
            if chunk in ENGINE_OPERATORS:
                continue
            negative = chunk.startswith(("-", "－")) and len(chunk) > 1
            target = parsed.excluded if negative else parsed.words
            cut = words(chunk[1:] if negative else chunk)
            target.extend(cut)
            if not negative and len(cut) == 1 and len(cut[0]) == 1 and is_cjk(cut[0]):
                parsed.lone_characters.add(cut[0])
    parsed.words = list(dict.fromkeys(parsed.words))
    parsed.excluded = [w for w in dict.fromkeys(parsed.excluded) if w not in parsed.words]
    return parsed
