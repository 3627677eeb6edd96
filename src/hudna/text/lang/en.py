"""English (and Latin-script transliterations of Arabic names): the only module with English code.

:data:`MATCH_KEY_STEPS` are the named character-local steps of an English match key. The
gazetteer-only folding (articles, transliteration variants, a phonetic skeleton) is in the
``*_name``/``skeleton`` functions and is never applied by ``match_key``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from importlib import resources

import yaml

__all__ = [
    "ARTICLES",
    "MATCH_KEY_STEPS",
    "casefold",
    "drop_apostrophes",
    "canonical_tokens",
    "phonetic_keys",
    "phonetic_parts",
    "phonetic_token",
    "fold_name",
    "fold_tokens",
    "name_variants",
    "skeleton",
    "strip_articles",
    "strip_latin_diacritics",
]

_APOSTROPHES = "'’‘`´ʿʾʻʼ′"
_APOSTROPHE_TABLE = dict.fromkeys(map(ord, _APOSTROPHES))


def casefold(text: str) -> str:
    """Unicode case folding (stronger than ``lower``).

    Examples
    --------
    >>> casefold("ALEPPO")
    'aleppo'
    """
    return text.casefold()


def strip_latin_diacritics(text: str) -> str:
    """Remove accents from Latin letters (``Xuxê`` → ``Xuxe``, ``Ḥamāh`` → ``Hamah``).

    Only characters that decompose to one Latin base letter plus combining marks change; Arabic
    script is untouched.

    Examples
    --------
    >>> strip_latin_diacritics("Merc Xuxê Ḥamāh")
    'Merc Xuxe Hamah'
    """
    out = []
    for ch in text:
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        out.append(stripped if len(stripped) == 1 and stripped.isascii() else ch)
    return "".join(out)


def drop_apostrophes(text: str) -> str:
    """Remove apostrophes and ayn/hamza marks (``Ma'arrat`` → ``Maarrat``).

    Examples
    --------
    >>> drop_apostrophes("Ma’arrat an-Nu'man")
    'Maarrat an-Numan'
    """
    return text.translate(_APOSTROPHE_TABLE)


#: The steps of an English match key, in order.
MATCH_KEY_STEPS: tuple[Callable[[str], str], ...] = (
    casefold,
    strip_latin_diacritics,
    drop_apostrophes,
)

# ---------------------------------------------------------------------------------------------
# Gazetteer name folding (input: a match key, i.e. casefolded words separated by single spaces).

#: Arabic article as transliterated, written as a separate word after hyphens became spaces.
ARTICLES = frozenset(
    ["al", "el", "il", "ul", "l", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "az", "ez", "at", "et", "an", "en", "ath", "eth", "adh", "edh"]
)


@functools.cache
def _translit_table() -> dict[str, str]:
    path = resources.files("hudna.lexicons").joinpath("en", "gazetteer_transliteration.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for key, forms in data.items():
        if key == "meta":
            continue
        canonical = key.rsplit(".", 1)[1]
        for form in forms:
            table[drop_apostrophes(casefold(str(form)))] = canonical
    return table


def strip_articles(tokens: list[str]) -> list[str]:
    """Drop free-standing articles (al-, el-, ad-, ash-, az- ...) unless nothing else is left.

    Examples
    --------
    >>> strip_articles(["dayr", "az", "zawr"])
    ['dayr', 'zawr']
    >>> strip_articles(["al"])
    ['al']
    """
    kept = [t for t in tokens if t not in ARTICLES]
    return kept or tokens


_ATTACHED_ARTICLE = re.compile(r"^(?:al|el)(?=[^aeiou\W]{1}[a-z]{2,})")


def canonical_tokens(key: str) -> list[str]:
    """Words of a name key with articles removed and transliteration variants rewritten.

    Examples
    --------
    >>> canonical_tokens("teir maaleh")
    ['teir', 'maaleh']
    >>> canonical_tokens("deir ez zor")
    ['dayr', 'zor']
    >>> canonical_tokens("ein laroz")
    ['ayn', 'laroz']
    """
    table = _translit_table()
    return [table.get(t, t) for t in strip_articles(key.split())]


@functools.lru_cache(maxsize=65536)
def fold_name(key: str) -> str:
    """Gazetteer key of a match key: articles removed, transliteration variants rewritten.

    Examples
    --------
    >>> fold_name("tell al ein")
    'tal ayn'
    """
    return " ".join(canonical_tokens(key))


def fold_tokens(tokens: Sequence[str]) -> str:
    """:func:`fold_name` of a match key's words (``fold_name(" ".join(tokens))``), without the
    round trip through one string nor the memo: the geocoder folds several spans of each query
    once, most of them never seen before.

    Examples
    --------
    >>> fold_tokens(["tell", "al", "ein"])
    'tal ayn'
    """
    table = _translit_table()
    out = []
    for t in tokens:  # a loop: cheaper than comprehensions for a few words
        if t not in ARTICLES:
            out.append(table.get(t, t))
    if not out:  # only articles: they stay (strip_articles)
        for t in tokens:
            out.append(table.get(t, t))
    return " ".join(out)


def name_variants(key: str) -> list[str]:
    """Canonical keys a gazetteer name is indexed under (with and without attached articles).

    OCHA writes articles glued to the word (``Orm Eljoz``); a query usually separates them.

    Examples
    --------
    >>> name_variants("orm eljoz")
    ['orm eljoz', 'orm joz']
    >>> name_variants("al qusayr")
    ['qusayr']
    """
    tokens = canonical_tokens(key)
    first = " ".join(tokens)
    out = [first]
    detached = [_ATTACHED_ARTICLE.sub("", t) for t in tokens]
    table = _translit_table()
    second = " ".join(table.get(t, t) for t in detached)
    if second != first:
        out.append(second)
    return out


_DIGRAPHS = (
    ("sch", "x"),
    ("sh", "x"),
    ("ch", "x"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("dj", "j"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("q", "k"),
    ("c", "k"),
    ("v", "f"),
    ("p", "b"),
    ("x", "x"),
)
_VOWELS = frozenset("aeiouyw")
#: A letter followed by the same letter: removing each leaves one letter of every run (the
#: same as substituting ``(.)\1+`` by ``\1``, without a template to expand per match)
_DOUBLED = re.compile(r"(.)(?=\1)")


def _undouble(t: str) -> str:
    """Runs of one letter as one letter (``Maaleh`` → ``Maleh``)."""
    return _DOUBLED.sub("", t)


@functools.lru_cache(maxsize=65536)
def _skeleton_token(token: str) -> str:
    t = token
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    t = _undouble(t)
    if len(t) > 2 and t.endswith("h") and t[-2] in _VOWELS:
        t = t[:-1]
    if not t:
        return t
    head = "a" if t[0] in "aeiou" else t[0]
    return head + "".join(c for c in t[1:] if c not in _VOWELS and c.isalnum())


def skeleton(key: str) -> str:
    """Phonetic skeleton of a name key: consonants only, one letter per sound, words joined.

    Two transliterations of one Arabic name usually share a skeleton: vowels (Teir/Tir),
    doubled consonants (Maaleh/Maallah), the final -eh/-ah of ta marbuta, ou/u, ee/i, sh/ch,
    q/k, kh/k and gh/g are folded; the words are then joined (``Kafr Nabl`` = ``Kafrnabl``).

    Examples
    --------
    >>> skeleton("teir maaleh") == skeleton("tir maallah")
    True
    >>> skeleton("dayr az zawr") == skeleton("deir ez zor")
    True
    >>> skeleton("jisr ash shughur")
    'jsrxgr'
    """
    return "".join(_skeleton_token(t) for t in canonical_tokens(key))


#: e/i and o/u as Arabic's three vowels a, i, u (str.translate)
_THREE_VOWELS = str.maketrans("eo", "iu")


@functools.lru_cache(maxsize=65536)
def _spelling_token(token: str) -> str:
    t = token
    if len(t) > 2 and t.endswith("eh"):  # ta marbuta: -eh and -ah are one ending
        t = t[:-2] + "ah"
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    t = _undouble(t.translate(_THREE_VOWELS))
    if len(t) > 2 and t.endswith("h") and t[-2] in _VOWELS:
        t = t[:-1]
    return t


def spelling_key(key: str) -> str:
    """A name key with its vowels kept as Arabic's three (a, i, u), for telling apart names
    that share a :func:`phonetic_keys` (which keeps only where vowels are): the digraphs,
    doubled letters and ta marbuta of :func:`skeleton` are folded, e/i and o/u are one vowel.

    Examples
    --------
    >>> spelling_key("wadiah") == spelling_key("wadeeah"), spelling_key("wadi")
    (True, 'wadi')
    >>> spelling_key("naamer") == spelling_key("namer") != spelling_key("nimer")
    True
    """
    return " ".join(_spelling_token(t) for t in canonical_tokens(key))


def query_token_variants(tokens: list[str]) -> list[list[str]]:
    """Readings of a query's words (English has no clitics: the words as written).

    Examples
    --------
    >>> query_token_variants(["aleppo"])
    [['aleppo']]
    """
    return [tokens]


_COMPOUND_LEAD = frozenset({"road", "highway", "between", "from", "the"})


def split_compound(tokens: list[str]) -> list[list[str]]:
    """Places of a compound query ("road between A and B", "A and B"); ``[]`` if not compound.

    Examples
    --------
    >>> split_compound("road between ariha and jisr ash shughur".split())
    [['ariha'], ['jisr', 'ash', 'shughur']]
    >>> split_compound(["aleppo"])
    []
    """
    if "and" not in tokens and "to" not in tokens:  # no separator: not compound (most names)
        return []
    t = list(tokens)
    while t and t[0] in _COMPOUND_LEAD:
        t = t[1:]
    for sep in ("and", "to"):
        if sep in t[1:-1]:
            i = t.index(sep, 1)
            return [p for p in (t[:i], t[i + 1 :]) if p]
    return []


# ---------------------------------------------------------------------------------------------
# Phonetic keys (gazetteer only): one spelling-independent key per name, compared with rapidfuzz.

#: Canonical words (after the transliteration table) that qualify a name and may stand before
#: it in English ("Western Tiba") or after it in a transliteration ("Tiba al Gharbiyah"); the
#: phonetic keys move them to the end so both orders give one key.
QUALIFYING_WORDS = frozenset(
    ["sharqi", "gharbi", "shamali", "janubi", "fawqani", "tahtani", "saghir", "kabir", "jadid", "qadim", "wusta"]
)
_PHON_DIGRAPHS = (
    ("x", "ks"),  # a written x (Kurdish "Naxsehba"); kh becomes x below
    ("tch", "$"),
    ("sch", "$"),
    ("sh", "$"),
    ("ch", "$"),
    ("kh", "x"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "j"),
    ("ph", "f"),
    ("dj", "j"),
    ("q", "k"),
    ("ck", "k"),
    ("c", "k"),
    ("v", "f"),
    ("p", "b"),
)
_PHON_VOWELS = frozenset("aeiou")
#: Any of the letter groups _PHON_DIGRAPHS rewrites (one search instead of a test per group).
_PHON_DIGRAPH_ANY = re.compile("|".join(re.escape(a) for a, _ in _PHON_DIGRAPHS))
#: vowels as "a" (str.translate), a y/w not before a vowel (a vowel itself), runs of "a";
#: the table maps every ASCII character (itself, but e/i/o/u): ``translate`` then never looks
#: up a missing key, which costs a raised and caught KeyError per character
_TO_A = {**{i: i for i in range(128)}, **str.maketrans("eiou", "aaaa")}
_VOCALIC_GLIDE = re.compile(r"[yw](?![aeiou])")
_A_RUN = re.compile(r"aa+")


@functools.lru_cache(maxsize=131072)
def phonetic_token(token: str) -> tuple[str, str]:
    """(vowel key, consonant key) of one canonical word.

    The vowel key keeps where vowels are but not which (every vowel run is ``a``); the
    consonant key keeps only consonants. ``y`` and ``w`` are consonants where Arabic has a
    consonantal و/ي (the start of a word, between vowels or before a vowel: "Wadi", "Ayyash",
    "Waziyah") and vowels elsewhere (diphthongs ay/ei/aw/ou, a final "y": "Kelly" = "Killi").
    Both keys fold digraphs (sh/ch, gh, th, dh), q/k, doubled letters and the final ``h`` of
    ta marbuta (-ah/-eh); ``kh`` stays distinct (``x``) from ``k``.

    Examples
    --------
    >>> phonetic_token("muzayrib"), phonetic_token("mzeireb")
    (('mazarab', 'mzrb'), ('mzarab', 'mzrb'))
    >>> phonetic_token("huzaymah") == phonetic_token("hazimeh")
    True
    >>> phonetic_token("waziyah"), phonetic_token("wazeiyeh")
    (('wazaya', 'wzy'), ('wazaya', 'wzy'))
    >>> phonetic_token("kelly") == phonetic_token("killi")
    True
    """
    t = token if token.isalnum() else "".join(ch for ch in token if ch.isalnum())
    if _PHON_DIGRAPH_ANY.search(t):  # else none of the rewrites applies
        for a, b in _PHON_DIGRAPHS:
            if a in t:
                t = t.replace(a, b)
    t = _DOUBLED.sub("", t)  # _undouble, without its call
    if len(t) > 2 and t[-1] == "h" and t[-2] in _PHON_VOWELS:
        t = t[:-1]
    if not t:
        return "", ""
    # y/w are consonantal word-initially, or before a vowel (between vowels, or after a
    # consonant: "Kafr Yahmul", "Sabiqiyah"); else part of a diphthong or a long vowel, and
    # every run of vowels is one "a" (each regex only where it can change something; one
    # translate of the whole word: it maps each character on its own)
    rest = t[1:]
    if "y" in rest or "w" in rest:
        t = t[0] + _VOCALIC_GLIDE.sub("a", rest)
    vkey = t.translate(_TO_A)
    if "aa" in vkey:
        vkey = _A_RUN.sub("a", vkey)
    return vkey, vkey.replace("a", "")


def phonetic_parts(key: str) -> list[tuple[str, str, bool]]:
    """(vowel key, consonant key, is qualifying word) of each word of a name's match key, in
    key order: articles (also glued ones, "Elqalmun") removed, transliteration variants
    rewritten, qualifying words (:data:`QUALIFYING_WORDS`) moved to the end.

    Examples
    --------
    >>> phonetic_parts("western tiba")
    [('taba', 'tb', False), ('garba', 'grb', True)]
    """
    toks = _phonetic_words(key)
    return [(*phonetic_token(t), len(toks) > 1 and t in QUALIFYING_WORDS) for t in toks]


def _phonetic_words(key: str) -> list[str]:
    """The canonical words of :func:`phonetic_parts`, qualifying words last."""
    table = _translit_table()
    toks = key.split()
    kept = []
    for t in toks:  # strip_articles (a loop: cheaper than a comprehension for a few words)
        if t not in ARTICLES:
            kept.append(t)
    out = []
    for t in kept or toks:
        t = table.get(t, t)
        # the glued article (a two-letter prefix: the pattern is anchored), tried only on words
        # starting with al/el; then the table again
        if t[:2] in ("al", "el") and _ATTACHED_ARTICLE.match(t):
            t = t[2:]
        out.append(table.get(t, t))
    if len(out) > 1 and not QUALIFYING_WORDS.isdisjoint(out):
        out = [t for t in out if t not in QUALIFYING_WORDS] + [t for t in out if t in QUALIFYING_WORDS]
    return out


def phonetic_keys(key: str) -> tuple[str, str]:
    """(vowel key, consonant key) of a name's match key (:func:`phonetic_parts`, words joined).

    Examples
    --------
    >>> phonetic_keys("al huzaymah") == phonetic_keys("hazimeh")
    True
    >>> phonetic_keys("tall battal sharqi") == phonetic_keys("eastern tal battal")
    True
    >>> phonetic_keys("madamiyet elqalmun")
    ('madamayatkalman', 'mdmytklmn')
    """
    words = _phonetic_words(key)
    if len(words) == 1:  # most names: the word's keys as they are
        return phonetic_token(words[0])
    vs, cs = [], []
    for t in words:
        v, c = phonetic_token(t)
        vs.append(v)
        cs.append(c)
    return "".join(vs), "".join(cs)


# -- Extraction: names the press spells otherwise than the gazetteer ------------------------------


def name_like(surface: str, key: str) -> bool:
    """Whether a word can be the name of a place missing from the gazetteer: capitalised.

    >>> name_like("Hajin", "hajin"), name_like("town", "town")
    (True, False)
    """
    del key
    return surface[:1].isupper()


def spelled_name_patterns(
    cues: frozenset[str], continuations: frozenset[str], max_words: int
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes of capitalised place names in running text: (cue word + name, a name coordinated
    after a comma, "and" or "or", a name right after a word); group 1 is the name.

    A name is a capitalised word, then up to ``max_words - 1`` capitalised words or articles
    (``continuations``: "al-Numan", "al Numan"; an article alone before a space needs a
    capitalised word after it: "Maardis at dawn" ends at "Maardis"); the ``cues`` ("in", "near",
    "village of" ...) are matched in lower case or capitalised at a sentence start.

    >>> cue, coord, after = spelled_name_patterns(frozenset({"in"}), frozenset({"al"}), 4)
    >>> cue.search("strikes in Maarat al-Numan at dawn").group(1)
    'Maarat al-Numan'
    >>> coord.match(", Sermin and Binnish").group(1)
    'Sermin'
    """
    cue_list = sorted(cues, key=len, reverse=True)
    arts = sorted(continuations, key=len, reverse=True)
    art = "|".join(map(re.escape, arts)) or "(?!)"
    quote = "'\u2018\u2019\u02bc`"
    word = rf"[A-Z][^\W_]*(?:[{quote}-][^\W_]+)*"
    tail = rf"(?:{art})(?:-[^\W_]+(?:[{quote}-][^\W_]+)*| {word})"
    name = rf"{word}(?: (?:{tail}|{word})){{0,{max_words - 1}}}"
    alt = "|".join(f"{re.escape(c)}|{re.escape(c[:1].upper() + c[1:])}" for c in cue_list) or "(?!)"
    cue = re.compile(rf"(?<![\w-])(?:{alt})\s+(?:the\s+)?({name})")
    coord = re.compile(rf"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?({name})")
    after = re.compile(rf"\s+(?:the\s+)?({name})")
    return cue, coord, after


# -- Gazetteer dispatch: the language-specific steps the gazetteer calls through lang_module() ---
# (DESIGN.md rule 3: no `if lang == "en"` outside this module.)

#: Separators of names that join two places ("A_B", "A - B"); a bare hyphen is part of a name.
JOINED_NAME_PATTERN = re.compile(r"\s*[_/]\s*|\s+-\s+")


def index_keys(key: str) -> list[str]:
    """Keys under which a gazetteer name is indexed for exact look-up (spelling variants)."""
    return name_variants(key)


def prefix_has_article(prefix: str) -> bool:
    """English glues no article to a word (the Arabic rule: :func:`hudna.text.lang.ar.prefix_has_article`)."""
    del prefix
    return False


def possessive_base(surface: str) -> str | None:
    """The name of a possessive written without its apostrophe (the press's "Aleppos western
    edges", "Raqqas"), or None.

    >>> possessive_base("Aleppos"), possessive_base("Deir Ezzors"), possessive_base("Homs")
    ('Aleppo', 'Deir Ezzor', None)
    """
    if len(surface) > 4 and surface.endswith("s") and not surface.endswith(("ss", "us", "is", "ms")):
        return surface[:-1]
    return None


def compound_variants(key: str, heads: frozenset[str]) -> list[str]:
    """No other spelling: an English name's words are written apart (the Arabic rule,
    :func:`hudna.text.lang.ar.compound_variants`, has no English counterpart)."""
    del key, heads
    return []


def scan_keys(key: str) -> list[str]:
    """Keys of a name put in the text scanner."""
    return [key]


def scan_surface_forms(key: str) -> list[tuple[str, int]]:
    """(automaton key, prefix length) pairs of one name key: also without a leading article.

    >>> scan_surface_forms("al bab")
    [('al bab', 0), ('bab', 0)]
    """
    forms: list[tuple[str, int]] = [(key, 0)]
    toks = key.split()
    kept = [t for t in toks if t not in ARTICLES]
    if kept and kept != toks and toks[0] in ARTICLES:
        forms.append((" ".join(kept), 0))
    return forms


@functools.lru_cache(maxsize=65536)
def phonetic_query_keys(key: str) -> tuple[str, str]:
    """(vowelled, consonant) keys of a query."""
    return phonetic_keys(key)


def phonetic_name_parts(key: str) -> list[tuple[str, str, bool]]:
    """(vowelled, consonant, is-qualifier) parts of a gazetteer name for the phonetic index."""
    return phonetic_parts(key)


def clear_caches() -> None:
    """Forget the memoised keys of words (benchmarks: every pass meets its names anew)."""
    fold_name.cache_clear()
    phonetic_query_keys.cache_clear()
    phonetic_token.cache_clear()
    _skeleton_token.cache_clear()
    _spelling_token.cache_clear()
