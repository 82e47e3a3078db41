"""Translating a parsed query into the two embedded full-text dialects: SQLite FTS5 MATCH
expressions (words and filter tags; quoted phrases on a trigram table) and a PostgreSQL tsquery.
Both only ever receive tokens made of letters, digits and CJK characters (see search.text) or
tags made here from hex digests, quoted, so user input cannot inject operators."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from search.query import KEYWORD_FILTERS, SearchRequest
from search.text import ParsedQuery, is_cjk, word_parts, words


class Dialect:
    def lexeme(self, token: str, prefix: bool = False) -> str:
        raise NotImplementedError

    def near(self, tokens: list[str]) -> str:
        raise NotImplementedError

    and_, or_, not_ = " AND ", " OR ", " NOT "

    def word(self, word: str, lone: bool = True) -> str:
        """One query word: the word itself as a token, or its parts together (for text jieba
        cut differently in context; FTS5 needs no such fallback, see Fts5Dialect.word). A
        Chinese character typed on its own (`lone`) is a prefix (社 finds 社保); one that jieba
        split off a longer word (县 of 清源县) is the token the text's own cut has there too: as
        a prefix it would match every word starting with it (县城, 市场 for 长河市) and cost a
        merge of all their lists."""
        if len(word) == 1 and is_cjk(word):
            return self.lexeme(word, prefix=lone)
        parts = list(word_parts(word))
        if len(parts) >= 2:
            return f"({self.lexeme(word)}{self.or_}{self.near(parts)})"
        return self.lexeme(word)

    def text(self, text: str, lone: bool = True) -> str | None:
        """All words of a term or phrase (a synonym may be several words); `lone`: the text
        was typed as a word of its own (see `word`)."""
        cut = words(text)
        clauses = [self.word(word, lone and len(cut) == 1) for word in cut]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else "(" + self.and_.join(clauses) + ")"

    def alternatives(self, options: list[str], lone: bool = True) -> str | None:
        clauses = [clause for clause in (self.text(o, lone) for o in options) if clause]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else "(" + self.or_.join(clauses) + ")"

    def words(self, query: ParsedQuery) -> str | None:
        """Words (with their alternatives) and quoted phrases too short for trigrams, which are
        matched as words. Longer phrases are matched on trigrams, by each dialect's own means."""
        clauses = []
        for word in query.words:
            lone = len(word) > 1 or word in query.lone_characters
            clause = self.alternatives([word, *query.alternatives.get(word, [])], lone)
            if clause:
                clauses.append(clause)
        for phrase in query.phrases:
            clause = None if is_trigram_phrase(phrase) else self.text(phrase)
            if clause:
                clauses.append(clause)
        return self.and_.join(clauses) if clauses else None

    def negative(self, query: ParsedQuery) -> str | None:
        return self.alternatives(list(query.excluded))


# search_fts holds, besides the words, tokens starting with "_", which the FTS5 tokenizer keeps
# inside tokens (tokenchars '_') and query words never contain, so they never match a word and
# need no column filter (a column filter makes FTS5 read every position list of a token, not
# just its document list):
# - tags, one per filter value: "_" and a letter per filter, then the value or its hash;
# - title terms, the title's words again marked "__": "__公开" lists only titles with 公开.
TAG_PREFIXES = {
    "site_id": "_s",
    "year": "_y",
    "column_type": "_c",
    "content_type": "_t",
    "organisation": "_o",
    "topic": "_p",
    "genre": "_g",
    "validity": "_v",
}
TITLE_MARK = "__"
# Quoted phrases of at least this many characters are matched on the trigram table.
TRIGRAM = 3


def tag(name: str, value: object) -> str:
    """A token for one filter value: _s12, _y2025, or a short hash of free text (organisation
    names hold spaces and punctuation; 48 bits cannot collide among a cluster's few thousand
    distinct values)."""
    prefix = TAG_PREFIXES[name]
    if name in ("site_id", "year"):
        return f"{prefix}{int(value)}"  # type: ignore[call-overload]
    return prefix + hashlib.blake2b(str(value).encode(), digest_size=6).hexdigest()


def document_tags(values: dict[str, object], names: Iterable[str] = TAG_PREFIXES) -> list[str]:
    """The tags of a document: one per filter of `names` it can be found by."""
    return [tag(name, values[name]) for name in names if values.get(name) is not None]


# On PostgreSQL the tsvector holds the site and year tags besides the words (lexemes starting
# with "_", which query words never contain; without positions, and never in a ranked query):
# the GIN index then intersects a site's entries with the words' instead of the planner choosing
# between them and the site's btree index, not costing the `@@` filter the btree path reads
# each found row's vector for (search.engines.postgres). Keyword filters stay conditions on the
# entry: their tags are hashes SQL cannot add to an existing index (migration 0008).
VECTOR_TAGS = ("site_id", "year")


def request_tags(request: SearchRequest, names: Iterable[str] = TAG_PREFIXES) -> list[list[str]]:
    """The filters of a request among `names` as groups of tags: any tag of each group."""
    groups: list[list[str]] = []
    if request.site_ids is not None and "site_id" in names:
        groups.append([tag("site_id", site) for site in request.site_ids])
    for name in KEYWORD_FILTERS:
        if request.filters.get(name) and name in names:
            groups.append([tag(name, value) for value in request.filters[name]])
    if request.year is not None and "year" in names:
        groups.append([tag("year", request.year)])
    return groups


def title_terms(title_tokens: str) -> str:
    """The title terms column: each indexed title token, marked."""
    return " ".join(TITLE_MARK + token for token in title_tokens.split())


def is_trigram_phrase(phrase: str) -> bool:
    return len(phrase) >= TRIGRAM


def tag_condition(
    dialect: Dialect, groups: list[list[str]], quote: Callable[[str], str]
) -> str | None:
    """Tag groups as one expression: any tag of each group, every group."""
    clauses = [dialect.or_.join(map(quote, group)) for group in groups]
    return dialect.and_.join(f"({clause})" for clause in clauses) if clauses else None


class Fts5Dialect(Dialect):
    """MATCH expressions for the two FTS5 tables: `search_fts` (search.text.index_tokens of the
    text, tags, title terms) and `search_phrases` (trigrams of title and body, for quoted
    phrases). `in_titles`: words become title terms, matching in titles only."""

    def __init__(self, in_titles: bool = False) -> None:
        self.mark = TITLE_MARK if in_titles else ""

    def lexeme(self, token: str, prefix: bool = False) -> str:
        return f'"{self.mark}{token}"' + ("*" if prefix else "")

    def word(self, word: str, lone: bool = True) -> str:
        """A word is one token: search.text.index_tokens indexes the dictionary words of three
        characters or more wherever they are written, so the "parts close together" fallback
        is not needed. A Chinese character typed on its own, rarely a word of its own, is a
        prefix (see Dialect.word)."""
        return self.lexeme(word, prefix=lone and len(word) == 1 and is_cjk(word))

    def excluded(self, query: ParsedQuery) -> str | None:
        """Exclusions match anywhere, whatever the words are matched in."""
        return Fts5Dialect().negative(query)

    def phrases(self, query: ParsedQuery) -> str | None:
        """Quoted phrases of three characters or more: verbatim substrings of title or body, in
        any of the phrase's forms (the stored text is in the page's own script)."""
        clauses = []
        for phrase in query.phrases:
            if is_trigram_phrase(phrase):
                forms = [f'"{form}"' for form in query.phrase_forms(phrase)]
                clauses.append(forms[0] if len(forms) == 1 else "(" + self.or_.join(forms) + ")")
        return self.and_.join(clauses) if clauses else None

    def tags(self, request: SearchRequest) -> str | None:
        """Keyword filters (site, year, the KEYWORD_FILTERS) as one condition on the tags."""
        return tag_condition(self, request_tags(request), '"{}"'.format)

    def text_match(self, request: SearchRequest) -> str | None:
        """The `search_fts` expression of a request: words and filters, minus exclusions; None
        when it has no words (then it lists the latest items, or searches phrases only)."""
        words = self.words(request.query)
        if words is None:
            return None
        tags = self.tags(request)
        positive = f"{words}{self.and_}{tags}" if tags else words
        negative = self.excluded(request.query)
        return f"({positive}){self.not_}{negative}" if negative else positive

    def title_prefix(self, text: str) -> str | None:
        """Titles with the words of `text`, the last one as a prefix (on title terms)."""
        tokens = words(text)
        if not tokens:
            return None
        titles = Fts5Dialect(in_titles=True)
        terms = [titles.lexeme(t) for t in tokens[:-1]]
        return self.and_.join([*terms, titles.lexeme(tokens[-1], prefix=True)])


class TsqueryDialect(Dialect):
    and_, or_, not_ = " & ", " | ", " & !"

    def lexeme(self, token: str, prefix: bool = False) -> str:
        return f"'{token}'" + (":*" if prefix else "")

    def near(self, tokens: list[str]) -> str:
        return "(" + " & ".join(self.lexeme(t) for t in tokens) + ")"

    def match(self, query: ParsedQuery) -> str | None:
        """The tsquery a match must satisfy: words, minus exclusions (phrases of three characters
        or more are matched on the trigram indexes, see search.engines.postgres)."""
        positive = self.words(query)
        if positive is None:
            return None
        negative = self.negative(query)
        return f"({positive}) & !{negative}" if negative else positive

    def phrase_words(self, query: ParsedQuery) -> str | None:
        """The words of the quoted phrases, for ts_rank only (a phrase need not be tokens)."""
        clauses = [clause for clause in map(self.text, query.phrases) if clause]
        return self.and_.join(clauses) if clauses else None

    def tags(self, request: SearchRequest) -> str | None:
        """The site and year filters as a tsquery on the vector's tags (VECTOR_TAGS), to be cast
        with ::tsquery: to_tsquery would parse "_s12" into "s12"."""
        return tag_condition(self, request_tags(request, VECTOR_TAGS), "'{}'".format)

    def title_prefix(self, text: str) -> str | None:
        tokens = words(text)
        if not tokens:
            return None
        terms = [f"'{t}':A" for t in tokens[:-1]] + [f"'{tokens[-1]}':*A"]
        return " & ".join(terms)
