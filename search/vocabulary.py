"""Query expansion and correction from data editors and the index provide: synonym groups,
pinyin input (shebao → 社保) and "did you mean" for homophone typos (社报 → 社保). The
vocabulary (`SearchTerm`) is filled as documents are indexed, whatever the engine."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max

from search.documents import SearchDocument
from search.models import SearchTerm, Synonym
from search.text import ParsedQuery, is_cjk, looks_like_pinyin, pinyin_key

SYNONYM_CACHE_KEY = "jiyue:search:synonyms"
SYNONYM_CACHE_SECONDS = 300
MAX_TERM_LENGTH = 12
MAX_PINYIN_ALTERNATIVES = 3


def synonym_groups() -> list[list[str]]:
    version = Synonym.objects.filter(enabled=True).aggregate(v=Max("updated_at"))["v"]
    key = f"{SYNONYM_CACHE_KEY}:{version.isoformat() if version else 'none'}"
    groups = cache.get(key)
    if groups is None:
        groups = [s.term_list() for s in Synonym.objects.filter(enabled=True)]
        cache.set(key, groups, SYNONYM_CACHE_SECONDS)
    return groups


def expand(query: ParsedQuery) -> list[str]:
    """Fill `query.alternatives` with pinyin readings and synonyms; return notices."""
    notices = _expand_pinyin(query)
    groups = synonym_groups()
    joined = "".join(query.words)
    # A synonym may be split by jieba (医疗保险 → 医疗, 保险): then match the whole query.
    if len(query.words) > 1 and any(joined in group for group in groups):
        query.words = [joined]
    for word in query.words:
        known = [word, *query.alternatives.get(word, [])]
        extra = [t for g in groups if set(g) & set(known) for t in g if t not in known]
        if extra:
            query.alternatives.setdefault(word, []).extend(dict.fromkeys(extra))
    return notices


def _expand_pinyin(query: ParsedQuery) -> list[str]:
    pinyin_words = [w for w in query.words if looks_like_pinyin(w)]
    if not pinyin_words:
        return []
    found: dict[str, list[str]] = {}
    rows = (
        SearchTerm.objects.filter(pinyin__in=pinyin_words)
        .order_by("-frequency", "term")
        .values_list("pinyin", "term")
    )
    for key, term in rows:
        if len(found.setdefault(key, [])) < MAX_PINYIN_ALTERNATIVES:
            found[key].append(term)
    notices = []
    for word in pinyin_words:
        if found.get(word):
            query.alternatives.setdefault(word, []).extend(found[word])
            notices.append(f"已将拼音“{word}”按“{'、'.join(found[word])}”搜索。")
    return notices


def _chunks(query_words: list[str]) -> list[str]:
    """Words, with runs of single Chinese characters joined: jieba splits an unknown word
    such as the typo 湿底 into 湿 + 底."""
    chunks: list[str] = []
    previous_single = False
    for word in query_words:
        single = len(word) == 1 and is_cjk(word)
        if single and previous_single:
            chunks[-1] += word
        else:
            chunks.append(word)
        previous_single = single
    return chunks


def did_you_mean(query: ParsedQuery) -> str | None:
    """A query with each unknown Chinese word replaced by the most frequent homophone."""
    changed = False
    corrected: list[str] = []
    for word in _chunks(query.words):
        replacement = None
        if is_cjk(word) and len(word) >= 2 and not SearchTerm.objects.filter(term=word).exists():
            replacement = (
                SearchTerm.objects.filter(pinyin=pinyin_key(word))
                .exclude(term=word)
                .order_by("-frequency", "term")
                .values_list("term", flat=True)
                .first()
            )
        corrected.append(replacement or word)
        changed = changed or bool(replacement)
    return " ".join(corrected) if changed else None


def document_terms(document: SearchDocument) -> set[str]:
    """The Chinese words of a document's title, summary and body, from the same segmentation
    the engine indexes (SearchDocument.analysis), so learning them costs no second jieba pass."""
    return {
        word
        for name in ("title", "summary", "body")
        for word in document.analysis(name).words
        if is_cjk(word) and len(word) <= MAX_TERM_LENGTH
    }


def learn(documents: list[SearchDocument]) -> None:
    """Add the documents' words to the vocabulary (new words only; frequencies are recounted
    by `rebuild_search_index`), so pinyin input and corrections know every indexed word."""
    terms: set[str] = set()
    for document in documents:
        terms |= document_terms(document)
    learn_terms(terms)


def learn_terms(terms: set[str]) -> None:
    terms = {t for t in terms if is_cjk(t) and len(t) <= MAX_TERM_LENGTH}
    if not terms:
        return
    known = set(SearchTerm.objects.filter(term__in=terms).values_list("term", flat=True))
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, pinyin=pinyin_key(t)[:200]) for t in terms - known],
        ignore_conflicts=True,
    )


@transaction.atomic
def recount(counts: dict[str, int]) -> None:
    """Replace the vocabulary with exact document frequencies (used by a full rebuild), in one
    transaction: a search never sees it half replaced."""
    for group in synonym_groups():
        for term in group:
            if is_cjk(term):
                counts.setdefault(term, 1)
    existing = {
        term: (pk, frequency)
        for pk, term, frequency in SearchTerm.objects.values_list("id", "term", "frequency")
    }
    new = [
        SearchTerm(term=t, pinyin=pinyin_key(t)[:200], frequency=n)
        for t, n in counts.items()
        if t not in existing
    ]
    SearchTerm.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    # Only the changed counts, one prepared statement for all: bulk_update's CASE expressions
    # took a sixth of a rebuild of the demo cluster.
    changed = [
        (n, existing[t][0]) for t, n in counts.items() if t in existing and existing[t][1] != n
    ]
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(SearchTerm._meta.db_table)
        cursor.executemany(f"UPDATE {table} SET frequency = %s WHERE id = %s", changed)
    gone = [existing[t][0] for t in existing.keys() - counts.keys()]
    for start in range(0, len(gone), 1000):
        SearchTerm.objects.filter(id__in=gone[start : start + 1000]).delete()
