"""Arabic: the only module holding Arabic-specific text code (DESIGN.md §4, house rule 3).

Each normalisation step is a named, pure ``str -> str`` function with its own test table
(tests/text/test_normalize_ar.py). :func:`hudna.text.normalize.match_key` applies
:data:`MATCH_KEY_STEPS` in order; every step is local to one character, which lets the generic
code compile the pipeline into a translation table (fast) and keep offsets into the original.

Gazetteer-only folding (the article, proclitics) lives in the ``*_name`` functions at the end
and is never applied by ``match_key``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

__all__ = [
    "ARABIC_RANGES",
    "MATCH_KEY_STEPS",
    "PROCLITICS",
    "arabic_digits_to_ascii",
    "article_assimilated_forms",
    "compound_variants",
    "possessive_base",
    "prefix_has_article",
    "fold_persian_letters",
    "fold_name",
    "fold_tokens",
    "latin_consonant_key",
    "latin_consonant_parts",
    "name_variants",
    "nfkc",
    "remove_tatweel",
    "strip_article",
    "strip_bidi",
    "strip_harakat",
    "strip_proclitics",
    "ta_marbuta_to_ha",
    "unify_alef",
    "alef_maqsura_to_ya",
]

#: Code point ranges whose characters the Arabic steps may change (Arabic, supplement,
#: extended-A, presentation forms A and B) plus the bidi controls.
ARABIC_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)

_BIDI_CONTROLS = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_BIDI_TABLE = dict.fromkeys(map(ord, _BIDI_CONTROLS))
_TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, small high marks, superscript alef, Quranic annotation marks.
_HARAKAT = "".join(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
_HARAKAT_TABLE = dict.fromkeys(map(ord, _HARAKAT))
_ALEF_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_DIGITS_TABLE = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_PERSIAN_TABLE = str.maketrans({"ی": "ي", "ې": "ي", "ک": "ك", "ە": "ه", "ہ": "ه"})


def strip_bidi(text: str) -> str:
    """Remove bidirectional controls, zero-width joiners and the BOM.

    Examples
    --------
    >>> strip_bidi("\u200fحلب\u200e")
    'حلب'
    """
    return text.translate(_BIDI_TABLE)


def nfkc(text: str) -> str:
    """Unicode NFKC: folds presentation forms (``ﻻ`` → ``لا``) and compatibility digits.

    Examples
    --------
    >>> nfkc("\ufefb") == "\u0644\u0627"
    True
    """
    return unicodedata.normalize("NFKC", text)


def remove_tatweel(text: str) -> str:
    """Remove the tatweel (kashida) used to stretch words.

    Examples
    --------
    >>> remove_tatweel("حـــلب")
    'حلب'
    """
    return text.replace(_TATWEEL, "")


def strip_harakat(text: str) -> str:
    """Remove short vowels, tanwin, shadda, sukun and Quranic marks.

    Examples
    --------
    >>> strip_harakat("حَلَبُ")
    'حلب'
    """
    return text.translate(_HARAKAT_TABLE)


def unify_alef(text: str) -> str:
    """Write every hamzated or madda alef (أ إ آ ٱ) as a bare alef ``ا``.

    Examples
    --------
    >>> unify_alef("إدلب")
    'ادلب'
    """
    return text.translate(_ALEF_TABLE)


def alef_maqsura_to_ya(text: str) -> str:
    """Write alef maqsura ``ى`` as ya ``ي`` (writers mix them at word ends).

    Examples
    --------
    >>> alef_maqsura_to_ya("بصرى")
    'بصري'
    """
    return text.replace("ى", "ي")


def ta_marbuta_to_ha(text: str) -> str:
    """Write ta marbuta ``ة`` as ``ه``; for matching keys only, never for display.

    Examples
    --------
    >>> ta_marbuta_to_ha("الرقة")
    'الرقه'
    """
    return text.replace("ة", "ه")


def arabic_digits_to_ascii(text: str) -> str:
    """Arabic-Indic (٠١٢) and Eastern Arabic (۰۱۲) digits become ASCII digits.

    Examples
    --------
    >>> arabic_digits_to_ascii("٢٠١٦ و۱۵")
    '2016 و15'
    """
    return text.translate(_DIGITS_TABLE)


def fold_persian_letters(text: str) -> str:
    """Persian/Kurdish forms of ya, kaf and ha become the Arabic letters.

    Examples
    --------
    >>> fold_persian_letters("کوبانی")
    'كوباني'
    """
    return text.translate(_PERSIAN_TABLE)


#: The steps of an Arabic match key, in order (DESIGN.md §4).
MATCH_KEY_STEPS: tuple[Callable[[str], str], ...] = (
    strip_bidi,
    nfkc,
    remove_tatweel,
    strip_harakat,
    unify_alef,
    alef_maqsura_to_ya,
    ta_marbuta_to_ha,
    arabic_digits_to_ascii,
    fold_persian_letters,
)

# ---------------------------------------------------------------------------------------------
# Gazetteer name folding (applied to match keys, i.e. after MATCH_KEY_STEPS).

#: One-letter proclitics: wa-, bi-, li-, fa-, ka-.
PROCLITICS = "وبلفك"
_ARTICLE = "ال"


def strip_article(token: str) -> str:
    """Remove the article ``ال`` from the start of a match-key token (``لل`` after ``ل`` too).

    Examples
    --------
    >>> strip_article("الرستن")
    'رستن'
    >>> strip_article("ال")
    'ال'
    """
    if token.startswith(_ARTICLE) and len(token) > 3:
        return token[2:]
    return token


def possessive_base(surface: str) -> str | None:
    """No possessive is written on an Arabic name (the English rule:
    :func:`hudna.text.lang.en.possessive_base`)."""
    del surface
    return None


def prefix_has_article(prefix: str) -> bool:
    """Whether the particles glued before a word (match-key letters) end with the article
    ("ال", "وال", "بال"; "لل" is ل + ال).

    >>> prefix_has_article("ال"), prefix_has_article("لل"), prefix_has_article("و")
    (True, True, False)
    """
    return prefix.endswith(_ARTICLE) or prefix.endswith("لل")


def strip_proclitics(token: str) -> list[str]:
    """Readings of a token with one or two proclitics removed (longest first is not implied).

    ``وبريف`` gives ``بريف`` and ``ريف``; ``للرقه`` (li- + al-) gives ``الرقه``.

    Examples
    --------
    >>> strip_proclitics("وحلب")
    ['حلب']
    >>> strip_proclitics("للرقه")
    ['الرقه', 'لرقه', 'رقه']
    """
    out: list[str] = []
    t = token
    for _ in range(2):
        if len(t) <= 3 or t[0] not in PROCLITICS:
            break
        if t.startswith("لل"):
            out.append("ا" + t[1:])  # li- + al- is written لل
        t = t[1:]
        out.append(t)
    return out


@functools.lru_cache(maxsize=65536)
def fold_name(key: str) -> str:
    """Gazetteer key of a match key: the article removed from every word.

    Examples
    --------
    >>> fold_name("معره النعمان")
    'معره نعمان'
    """
    return " ".join(strip_article(t) for t in key.split())


def fold_tokens(tokens: Sequence[str]) -> str:
    """:func:`fold_name` of a match key's words (``fold_name(" ".join(tokens))``), without the
    round trip through one string nor the memo (see :func:`hudna.text.lang.en.fold_tokens`).

    Examples
    --------
    >>> fold_tokens(["معره", "النعمان"])
    'معره نعمان'
    """
    return " ".join([strip_article(t) for t in tokens])


def name_variants(key: str) -> list[str]:
    """Keys a gazetteer name is indexed under: with and without the article on each word.

    Examples
    --------
    >>> name_variants("دير الزور")
    ['دير الزور', 'دير زور']
    """
    tokens = key.split()
    stripped = " ".join(strip_article(t) for t in tokens)
    return [key] if stripped == key else [key, stripped]


def compound_variants(key: str, heads: frozenset[str]) -> list[str]:
    """The other spelling of a name opening with a generic word (``heads``, gazetteer-folded:
    "تل", "كفر") that writers join to the next word or not: OCHA spells "كفر نبل" and "تلكلخ",
    the press mostly "كفرنبل" and also "تل كلخ". A one-word name splits after its head when at
    least three letters follow; a longer one joins its first two words.

    Examples
    --------
    >>> heads = frozenset({"تل", "كفر"})
    >>> compound_variants("كفر نبل", heads), compound_variants("تلكلخ", heads)
    (['كفرنبل'], ['تل كلخ'])
    >>> compound_variants("تلال", heads), compound_variants("حلب", heads)
    ([], [])
    """
    first, sep, rest = key.partition(" ")
    if sep:
        return [first + rest] if first in heads and rest else []
    for h in sorted(heads, key=lambda h: (-len(h), h)):  # the longest head first, in a fixed order
        if key.startswith(h) and len(key) - len(h) >= 3:
            return [h + " " + key[len(h) :]]
    return []


def query_token_variants(tokens: list[str]) -> list[list[str]]:
    """Readings of a query's words: as written, then with proclitics split off the first word.

    Examples
    --------
    >>> query_token_variants(["بريف", "ادلب"])
    [['بريف', 'ادلب'], ['ريف', 'ادلب']]
    """
    out = [tokens]
    if tokens:
        out += [[v, *tokens[1:]] for v in strip_proclitics(tokens[0])]
    return out


def split_compound(tokens: list[str]) -> list[list[str]]:
    """Places of a compound query ("بين X و Y", "X و Y"); ``[]`` if not compound.

    Examples
    --------
    >>> split_compound("بين سراقب و ادلب".split())
    [['سراقب'], ['ادلب']]
    """
    t = tokens[1:] if tokens and tokens[0] in ("بين", "طريق") else tokens
    if t and t[0] == "بين":
        t = t[1:]
    if "و" in t:
        i = t.index("و")
        parts = [t[:i], t[i + 1 :]]
        return [p for p in parts if p]
    return []


# ---------------------------------------------------------------------------------------------
# Latin consonant key (gazetteer only): compares Arabic names with their transliterations.

#: Arabic letter → Latin consonant class of :func:`hudna.text.lang.en.phonetic_token`'s
#: consonant key. Long vowels (ا ى), ayn and hamza are not consonants there (transliterations
#: write them as vowels or apostrophes); و/ي are decided by position
#: (:func:`latin_consonant_parts`). sh is ``$``, kh is ``x``; emphatics fold into their plain
#: letters; ذ/ظ as transliterated in Syria (d, z/d).
_LATIN_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "$", "ص": "s", "ض": "d", "ط": "t", "ظ": "d",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "پ": "b", "چ": "$", "ڤ": "f", "گ": "g",
}
_GLIDES = {"و": "w", "ي": "y"}
#: Canonical Latin consonant keys of the Arabic qualifying adjectives (moved to the end, as
#: :func:`hudna.text.lang.en.phonetic_keys` does with "western", "gharbiyah" ...).
_QUALIFYING_STEMS = ("شرقي", "غربي", "شمالي", "جنوبي", "فوقاني", "تحتاني", "صغير", "كبير", "جديد", "قديم", "وسطاني")


def _latin_consonants(t: str) -> str:
    """Latin consonant key of one Arabic word (article already removed; final ه = ta marbuta)."""
    ta_marbuta = len(t) > 2 and t.endswith("ه")
    if ta_marbuta:
        t = t[:-1]
    n = len(t)
    out: list[str] = []
    for i, ch in enumerate(t):
        c = _LATIN_CONSONANTS.get(ch)
        if c is not None:
            if not out or out[-1] != c:
                out.append(c)
            continue
        glide = _GLIDES.get(ch)
        if glide is not None:
            nxt = t[i + 1] if i + 1 < n else ""
            # consonantal و/ي: word-initial, before a long a ("وا", "يا"), after a long a that
            # is not the word's hamza seat ("داود", "عياش" has يا), doubled, or the nisba ـية
            if (
                i == 0
                or nxt in ("ا", "ى")
                or (i > 1 and t[i - 1] == "ا")
                or nxt == ch
                or (ta_marbuta and ch == "ي" and i == n - 1)
            ) and (not out or out[-1] != glide):
                out.append(glide)
            continue
        if ch.isascii() and ch.isalnum():
            out.append(ch)
    return "".join(out)


def latin_consonant_parts(key: str) -> list[tuple[str, bool]]:
    """(Latin consonant key, is qualifying word) of each word of an Arabic match key, articles
    removed, qualifying adjectives (الغربية, الكبير ...) moved to the end.

    Examples
    --------
    >>> latin_consonant_parts("الطيبة الغربية")
    [('tb', False), ('grb', True)]
    >>> latin_consonant_parts("اوتايا"), latin_consonant_parts("الوازعيه")
    ([('ty', False)], [('wzy', False)])
    """
    toks = [strip_article(t) for t in key.split()]
    out = []
    for t in toks:
        stem = next((s for s in _QUALIFYING_STEMS if t.startswith(s)), None) if len(toks) > 1 else None
        # a qualifier gets its stem's key ("الغربية" as "غربي"), as English canonicalises
        # "gharbiyah" to "gharbi"
        out.append((_latin_consonants(stem or t), stem is not None))
    return [o for o in out if not o[1]] + [o for o in out if o[1]]


def latin_consonant_key(key: str) -> str:
    """Latin consonant key of an Arabic match key (:func:`latin_consonant_parts`, joined).

    Equal to the consonant key of a transliteration of the same name
    (:func:`hudna.text.lang.en.phonetic_keys`).

    Examples
    --------
    >>> latin_consonant_key("المزيريب")
    'mzrb'
    >>> latin_consonant_key("تير معله")
    'trml'
    """
    return "".join(p[0] for p in latin_consonant_parts(key))


# -- Gazetteer dispatch: the language-specific steps the gazetteer calls through lang_module() ---
# (DESIGN.md rule 3: no `if lang == "ar"` outside this module.)

#: Separators of names that join two places ("A_B", "A - B", "A-B") in Arabic source rows.
JOINED_NAME_PATTERN = re.compile(r"\s*[_/]\s*|\s+-\s+|(?<=\S)-(?=\S)")
#: Proclitics that may be glued to a place name in running text (و، ب، ل، ف، ك and pairs).
SCAN_PREFIXES = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "وك")


def index_keys(key: str) -> list[str]:
    """Keys under which a gazetteer name is indexed for exact look-up (article-less fold).

    >>> index_keys(match_key_for_doc("الليرمون"))
    ['ليرمون']
    """
    return [fold_name(key)]


def scan_keys(key: str) -> list[str]:
    """Keys of a name put in the text scanner: the name, and a one-word name without ال."""
    return list(dict.fromkeys([key, *([strip_article(key)] if " " not in key else [])]))


def scan_surface_forms(key: str) -> list[tuple[str, int]]:
    """(automaton key, prefix length) pairs of one name key: with each proclitic glued on.

    >>> scan_surface_forms("حلب")[:3]
    [('حلب', 0), ('وحلب', 1), ('بحلب', 1)]
    """
    forms: list[tuple[str, int]] = [(key, 0)]
    has_article = key.startswith("ال")
    for p in SCAN_PREFIXES:
        forms.append((p + key, len(p)))
        if has_article and p.endswith("ل"):
            forms.append((p + "ل" + key[2:], len(p)))  # li- + al- = لل; span keeps the article lam
    return forms


def name_like(surface: str, key: str) -> bool:
    """Whether a word can be the name of a place missing from the gazetteer: with the article
    and five letters at least ("الليرمون"; Arabic script has no capitals).

    >>> name_like("الليرمون", "الليرمون"), name_like("حي", "حي")
    (True, False)
    """
    del surface
    return key.startswith("ال") and len(key) >= 5


def spelling_key(key: str) -> str:
    """A name key for comparing written forms (the geocoder's tie-break): Arabic script
    writes the consonants and long vowels, which the match key keeps as they are."""
    return fold_name(key)


@functools.lru_cache(maxsize=65536)
def phonetic_query_keys(key: str) -> tuple[str, str]:
    """(vowelled, consonant) keys of a query; Arabic script gives only the Latin consonant key."""
    return "", latin_consonant_key(key)


def phonetic_name_parts(key: str) -> list[tuple[str, str, bool]]:
    """(vowelled, consonant, is-qualifier) parts of a gazetteer name for the phonetic index."""
    return [("", c, q) for c, q in latin_consonant_parts(key)]


def match_key_for_doc(text: str) -> str:
    """The match key of ``text`` (used by the doctests above)."""
    from hudna.text.normalize import match_key

    return match_key(text, "ar")


#: Particles ending in "ل" before which the article "ال" loses its alif ("ل" + "النظام" = "للنظام").
_LAM_PROCLITICS = ("ل", "ول", "فل")


def article_assimilated_forms(key: str) -> list[tuple[str, str]]:
    """Surface keys of a lexicon key with the article after a lam particle, and the particle.

    The lexicon matcher adds a particle before each form ("ب" + "النظام"); "ل" + "ال" is written
    "لل", so "للنظام السوري" is "ل" + "النظام السوري" and needs its own surface key.

    Examples
    --------
    >>> article_assimilated_forms("النظام السوري")
    [('للنظام السوري', 'ل'), ('وللنظام السوري', 'ول'), ('فللنظام السوري', 'فل')]
    >>> article_assimilated_forms("قوات النظام")
    []
    """
    if not key.startswith("ال") or len(key) < 4:
        return []
    return [(p + "ل" + key[2:], p) for p in _LAM_PROCLITICS]


def clear_caches() -> None:
    """Forget the memoised keys of words (benchmarks: every pass meets its names anew)."""
    fold_name.cache_clear()
    phonetic_query_keys.cache_clear()
