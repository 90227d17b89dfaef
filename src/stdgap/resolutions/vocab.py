"""The structural vocabulary of resolutions in the six languages of the Union, as data.

Each language gives its preamble and operative opening phrases (each mapped to the English phrase
of the same role, so keys line up across languages), the words of a heading (resolution, decision,
recommendation), the revision mark, the names of the assemblies, and the phrases that split an
operative heading (collaborators, condition). Matching is on lower-cased text with Arabic
diacritics and tatweel removed (:func:`fold`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in the JSON's "language"
    akn: str  # ISO 639-2/B, as in Akoma Ntoso's FRBRlanguage
    preamble: dict[str, str]  # phrase as written → English phrase
    operative: dict[str, str]
    kinds: dict[str, str]  # heading word → resolution | decision | recommendation
    revision: tuple[str, ...]  # marks of a revised text, inside the heading's parentheses
    assemblies: dict[str, str]  # name (lower case) → body code
    with_: tuple[str, ...] = ()  # "in collaboration with" and friends (regex fragments)
    condition: tuple[str, ...] = ()  # "within available resources" openings (regex fragments)
    glued: bool = False  # verbs glued to what follows (Chinese)
    stopwords: frozenset[str] = field(default_factory=frozenset)


_EN_PREAMBLE = (
    "considering",
    "considering also",
    "considering further",
    "further considering",
    "recognizing",
    "recognizing also",
    "recognizing further",
    "further recognizing",
    "recognising",
    "recalling",
    "recalling also",
    "recalling further",
    "further recalling",
    "noting",
    "noting also",
    "noting further",
    "further noting",
    "taking into account",
    "taking into account also",
    "taking into consideration",
    "bearing in mind",
    "having regard",
    "having considered",
    "emphasizing",
    "aware",
    "mindful",
    "convinced",
    "concerned",
    "acknowledging",
    "observing",
    "welcoming",
    "stressing",
    "highlighting",
    "reaffirming",
    "noting with satisfaction",
    "noting with appreciation",
    "noting with concern",
    "cognizant",
    "expressing",
    "guided",
)
_EN_OPERATIVE = (
    "resolves",
    "further resolves",
    "resolves further",
    "resolves also",
    "also resolves",
    "resolves to instruct",
    "resolves to invite",
    "resolves to request",
    "resolves to encourage",
    "instructs",
    "further instructs",
    "instructs also",
    "invites",
    "further invites",
    "invites also",
    "encourages",
    "further encourages",
    "calls upon",
    "requests",
    "further requests",
    "urges",
    "decides",
    "further decides",
    "appeals",
    "recommends",
    "approves",
    "endorses",
    "agrees",
    "adopts",
    "calls on",
)

ENGLISH = Language(
    code="en",
    akn="eng",
    preamble={v: v for v in _EN_PREAMBLE},
    operative={v: v for v in _EN_OPERATIVE},
    kinds={"resolution": "resolution", "decision": "decision", "recommendation": "recommendation"},
    revision=("rev.", "rev ", "revised"),
    assemblies={
        "plenipotentiary conference": "PP",
        "world telecommunication development conference": "WTDC",
        "world telecommunication standardization assembly": "WTSA",
        "radiocommunication assembly": "RA",
        "world radiocommunication conference": "WRC",
        "world conference on international telecommunications": "WCIT",
        "regional radiocommunication conference": "RRC",
        "council": "Council",
    },
    with_=(
        r"in (?:close |full )?(?:collaboration|cooperation|coordination|consultation)"
        r"(?: and (?:collaboration|cooperation|coordination|consultation))? with",
        r"to (?:collaboratively )?(?:work|cooperate|collaborate)"
        r"(?: collaboratively| closely)? with",
    ),
    condition=(r"within\b", r"subject to\b"),
    stopwords=frozenset({"the", "of", "and", "to", "that", "in", "with", "for", "on"}),
)

FRENCH = Language(
    code="fr",
    akn="fra",
    preamble={
        "considérant": "considering",
        "considérant en outre": "considering further",
        "considérant également": "considering also",
        "reconnaissant": "recognizing",
        "reconnaissant en outre": "recognizing further",
        "reconnaissant également": "recognizing also",
        "rappelant": "recalling",
        "rappelant en outre": "recalling further",
        "rappelant également": "recalling also",
        "notant": "noting",
        "notant en outre": "noting further",
        "notant également": "noting also",
        "notant avec satisfaction": "noting with satisfaction",
        "notant avec préoccupation": "noting with concern",
        "prenant note avec satisfaction": "noting with appreciation",
        "prenant note": "noting",
        "tenant compte": "taking into account",
        "tenant compte en outre": "taking into account also",
        "ayant à l'esprit": "bearing in mind",
        "gardant à l'esprit": "bearing in mind",
        "ayant présent à l'esprit": "bearing in mind",
        "consciente": "aware",
        "convaincue": "convinced",
        "préoccupée": "concerned",
        "soulignant": "emphasizing",
        "se félicitant": "welcoming",
        "réaffirmant": "reaffirming",
        "vu": "having regard",
        "ayant examiné": "having considered",
        "observant": "observing",
    },
    operative={
        "décide": "resolves",
        "décide en outre": "further resolves",
        "décide également": "resolves also",
        "décide de charger": "resolves to instruct",
        "décide d'inviter": "resolves to invite",
        "charge": "instructs",
        "charge en outre": "further instructs",
        "charge également": "instructs also",
        "invite": "invites",
        "invite en outre": "further invites",
        "invite également": "invites also",
        "encourage": "encourages",
        "demande": "requests",
        "prie": "requests",
        "exhorte": "urges",
        "engage": "urges",
        "recommande": "recommends",
        "appelle": "calls upon",
        "approuve": "approves",
        "adopte": "adopts",
        "souscrit": "endorses",
    },
    kinds={"résolution": "resolution", "décision": "decision", "recommandation": "recommendation"},
    revision=("rév.", "rev.", "révisée"),
    assemblies={
        "conférence de plénipotentiaires": "PP",
        "conférence mondiale de développement des télécommunications": "WTDC",
        "assemblée mondiale de normalisation des télécommunications": "WTSA",
        "assemblée des radiocommunications": "RA",
        "conférence mondiale des radiocommunications": "WRC",
        "conseil": "Council",
    },
    with_=(
        r"en (?:étroite )?(?:collaboration|coopération|coordination|concertation|consultation)"
        r" avec",
    ),
    condition=(r"dans (?:la limite|les limites)\b", r"sous réserve\b"),
    stopwords=frozenset({"le", "la", "les", "des", "du", "et", "de", "en", "pour", "que"}),
)

SPANISH = Language(
    code="es",
    akn="spa",
    preamble={
        "considerando": "considering",
        "considerando además": "considering further",
        "considerando asimismo": "considering also",
        "reconociendo": "recognizing",
        "reconociendo además": "recognizing further",
        "reconociendo asimismo": "recognizing also",
        "recordando": "recalling",
        "recordando además": "recalling further",
        "recordando asimismo": "recalling also",
        "observando": "noting",
        "observando además": "noting further",
        "tomando nota": "noting",
        "observando con preocupación": "noting with concern",
        "tomando nota con satisfacción": "noting with appreciation",
        "teniendo en cuenta": "taking into account",
        "teniendo en cuenta además": "taking into account also",
        "teniendo presente": "bearing in mind",
        "consciente": "aware",
        "convencida": "convinced",
        "preocupada": "concerned",
        "destacando": "emphasizing",
        "subrayando": "stressing",
        "reafirmando": "reaffirming",
        "acogiendo con satisfacción": "welcoming",
        "habiendo examinado": "having considered",
    },
    operative={
        "resuelve": "resolves",
        "resuelve además": "further resolves",
        "resuelve asimismo": "resolves also",
        "resuelve encargar": "resolves to instruct",
        "resuelve invitar": "resolves to invite",
        "encarga": "instructs",
        "encarga además": "further instructs",
        "encarga asimismo": "instructs also",
        "invita": "invites",
        "invita además": "further invites",
        "invita asimismo": "invites also",
        "alienta": "encourages",
        "pide": "requests",
        "solicita": "requests",
        "insta": "urges",
        "exhorta": "urges",
        "recomienda": "recommends",
        "decide": "decides",
        "aprueba": "approves",
        "adopta": "adopts",
        "hace un llamamiento": "calls upon",
    },
    kinds={"resolución": "resolution", "decisión": "decision", "recomendación": "recommendation"},
    revision=("rev.", "revisada"),
    assemblies={
        "conferencia de plenipotenciarios": "PP",
        "conferencia mundial de desarrollo de las telecomunicaciones": "WTDC",
        "asamblea mundial de normalización de las telecomunicaciones": "WTSA",
        "asamblea de radiocomunicaciones": "RA",
        "conferencia mundial de radiocomunicaciones": "WRC",
        "consejo": "Council",
    },
    with_=(r"en (?:estrecha )?(?:colaboración|cooperación|coordinación|consulta) con",),
    condition=(r"dentro de\b", r"con (?:los|cargo a los) recursos\b", r"con sujeción\b"),
    stopwords=frozenset({"el", "los", "las", "del", "y", "de", "para", "que", "en", "la"}),
)

RUSSIAN = Language(
    code="ru",
    akn="rus",
    preamble={
        "учитывая": "considering",
        "учитывая также": "considering also",
        "учитывая далее": "considering further",
        "признавая": "recognizing",
        "признавая также": "recognizing also",
        "признавая далее": "recognizing further",
        "напоминая": "recalling",
        "напоминая также": "recalling also",
        "напоминая далее": "recalling further",
        "ссылаясь на": "recalling",
        "отмечая": "noting",
        "отмечая также": "noting also",
        "отмечая далее": "noting further",
        "принимая во внимание": "taking into account",
        "памятуя": "bearing in mind",
        "памятуя о": "bearing in mind",
        "сознавая": "aware",
        "будучи убеждена": "convinced",
        "будучи обеспокоена": "concerned",
        "подчеркивая": "emphasizing",
        "приветствуя": "welcoming",
        "вновь подтверждая": "reaffirming",
        "рассмотрев": "having considered",
    },
    operative={
        "решает": "resolves",
        "постановляет": "resolves",
        "постановляет далее": "further resolves",
        "постановляет также": "resolves also",
        "решает далее": "further resolves",
        "решает также": "resolves also",
        "решает поручить": "resolves to instruct",
        "постановляет поручить": "resolves to instruct",
        "поручает": "instructs",
        "поручает далее": "further instructs",
        "поручает также": "instructs also",
        "предлагает": "invites",
        "предлагает далее": "further invites",
        "предлагает также": "invites also",
        "призывает": "encourages",
        "настоятельно призывает": "urges",
        "просит": "requests",
        "рекомендует": "recommends",
        "одобряет": "approves",
        "принимает": "adopts",
    },
    kinds={"резолюция": "resolution", "решение": "decision", "рекомендация": "recommendation"},
    revision=("пересм.", "пересмотр"),
    assemblies={
        "полномочная конференция": "PP",
        "всемирная конференция по развитию электросвязи": "WTDC",
        "всемирная ассамблея по стандартизации электросвязи": "WTSA",
        "ассамблея радиосвязи": "RA",
        "всемирная конференция радиосвязи": "WRC",
        "совет": "Council",
    },
    with_=(r"в (?:тесном )?(?:сотрудничестве|координации|консультации) с",),
    condition=(r"в пределах\b", r"при условии\b"),
    stopwords=frozenset({"и", "в", "на", "по", "с", "для"}),
)

ARABIC = Language(
    code="ar",
    akn="ara",
    preamble={
        "إذ يضع في اعتباره": "considering",
        "إذ تضع في اعتبارها": "considering",
        "إذ يأخذ في الاعتبار": "considering",
        "إذ تأخذ في الاعتبار": "considering",
        "إذ يذكر": "recalling",
        "إذ تذكر": "recalling",
        "إذ يشير": "recalling",
        "إذ تشير": "recalling",
        "إذ يعترف": "recognizing",
        "إذ تعترف": "recognizing",
        "إذ يقر": "recognizing",
        "إذ تقر": "recognizing",
        "إذ يلاحظ": "noting",
        "إذ تلاحظ": "noting",
        "إذ يأخذ في الحسبان": "taking into account",
        "إذ تأخذ في الحسبان": "taking into account",
        "إذ يضع في حسبانه": "bearing in mind",
        "إذ تضع في حسبانها": "bearing in mind",
        "إذ يدرك": "aware",
        "إذ تدرك": "aware",
        "إذ يؤكد": "emphasizing",
        "إذ تؤكد": "emphasizing",
        "إذ يرحب": "welcoming",
        "إذ ترحب": "welcoming",
        "إذ يأخذ بعين الاعتبار": "taking into account",
        "إذ تأخذ بعين الاعتبار": "taking into account",
        "إذ يأخذ في اعتباره": "taking into account",
        "إذ تأخذ في اعتبارها": "taking into account",
        "إذ يعي": "aware",
        "إذ تعي": "aware",
        "إذ يسلم": "recognizing",
        "إذ تسلم": "recognizing",
        "إذ يذكر كذلك": "recalling further",
        "إذ تذكر كذلك": "recalling further",
        "إذ يلاحظ كذلك": "noting further",
        "إذ تلاحظ كذلك": "noting further",
        "إذ يعترف كذلك": "recognizing further",
        "إذ تعترف كذلك": "recognizing further",
    },
    operative={
        "يقرر": "resolves",
        "تقرر": "resolves",
        "يقرر كذلك": "further resolves",
        "تقرر كذلك": "further resolves",
        "يقرر أن يكلف": "resolves to instruct",
        "تقرر أن تكلف": "resolves to instruct",
        "يكلف": "instructs",
        "تكلف": "instructs",
        "يكلف كذلك": "further instructs",
        "تكلف كذلك": "further instructs",
        "يدعو": "invites",
        "تدعو": "invites",
        "يدعو كذلك": "further invites",
        "تدعو كذلك": "further invites",
        "يشجع": "encourages",
        "تشجع": "encourages",
        "يطلب": "requests",
        "تطلب": "requests",
        "يحث": "urges",
        "تحث": "urges",
        "يوصي": "recommends",
        "توصي": "recommends",
        "يوافق": "approves",
        "توافق": "approves",
        "يقرر أيضا": "resolves also",
        "تقرر أيضا": "resolves also",
        "يكلف أيضا": "instructs also",
        "تكلف أيضا": "instructs also",
        "يدعو أيضا": "invites also",
        "تدعو أيضا": "invites also",
        "يطلب إلى": "requests",
        "تطلب إلى": "requests",
    },
    kinds={"القرار": "resolution", "المقرر": "decision", "التوصية": "recommendation"},
    revision=("المراجع", "مراجعة", "مراجع"),
    assemblies={
        "مؤتمر المندوبين المفوضين": "PP",
        "المؤتمر العالمي لتنمية الاتصالات": "WTDC",
        "الجمعية العالمية لتقييس الاتصالات": "WTSA",
        "جمعية الاتصالات الراديوية": "RA",
        "المؤتمر العالمي للاتصالات الراديوية": "WRC",
        "المجلس": "Council",
    },
    with_=(r"بالتعاون(?: الوثيق)? مع", r"بالتنسيق مع"),
    condition=(r"في حدود\b", r"ضمن\b"),
    stopwords=frozenset({"في", "من", "على", "إلى"}),
)

CHINESE = Language(
    code="zh",
    akn="zho",
    preamble={
        "考虑到": "considering",
        "进一步考虑到": "considering further",
        "认识到": "recognizing",
        "进一步认识到": "recognizing further",
        "回顾": "recalling",
        "忆及": "recalling",
        "进一步回顾": "recalling further",
        "注意到": "noting",
        "进一步注意到": "noting further",
        "顾及": "taking into account",
        "考虑": "taking into account",
        "铭记": "bearing in mind",
        "意识到": "aware",
        "确信": "convinced",
        "关切": "concerned",
        "强调": "emphasizing",
        "欢迎": "welcoming",
        "重申": "reaffirming",
    },
    operative={
        "做出决议": "resolves",
        "作出决议": "resolves",
        "决议": "resolves",
        "进一步做出决议": "further resolves",
        "进一步作出决议": "further resolves",
        "做出决议责成": "resolves to instruct",
        "责成": "instructs",
        "进一步责成": "further instructs",
        "请": "invites",
        "进一步请": "further invites",
        "邀请": "invites",
        "鼓励": "encourages",
        "要求": "requests",
        "敦促": "urges",
        "建议": "recommends",
        "决定": "decides",
        "批准": "approves",
        "还做出决议": "further resolves",
        "还作出决议": "further resolves",
        "进一步决定": "further decides",
        "还责成": "further instructs",
        "还请": "further invites",
        "进一步鼓励": "further encourages",
    },
    kinds={"决议": "resolution", "决定": "decision", "建议": "recommendation"},
    revision=("修订版", "修订"),
    assemblies={
        "全权代表大会": "PP",
        "世界电信发展大会": "WTDC",
        "世界电信标准化全会": "WTSA",
        "无线电通信全会": "RA",
        "世界无线电通信大会": "WRC",
        "理事会": "Council",
    },
    with_=(r"与(?P<who>.{1,40}?)(?:密切)?(?:合作|协作|协调)",),
    condition=(r"在现有资源(?:范围)?内",),
    glued=True,
)

LANGUAGES: dict[str, Language] = {
    lang.code: lang for lang in (ENGLISH, FRENCH, SPANISH, RUSSIAN, ARABIC, CHINESE)
}

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def fold(text: str) -> str:
    """Lower case, NFC, Arabic diacritics and tatweel removed, Arabic ``و`` before ``إذ``
    dropped, typographic apostrophes made plain: the form the vocabulary is matched in."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    text = _ARABIC_MARKS.sub("", text)
    return re.sub(r"^وإذ", "إذ", text)


def canonical(verb: str) -> str:
    """The English phrase of a verb in any language (new English verbs are their own)."""
    key = fold(verb)
    for lang in LANGUAGES.values():
        found = lang.preamble.get(key) or lang.operative.get(key)
        if found:
            return found
    return verb


def is_known_verb(verb: str) -> bool:
    """True for a phrase of the vocabulary of any language (not a guessed new verb)."""
    key = fold(verb)
    return any(key in lang.preamble or key in lang.operative for lang in LANGUAGES.values())


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_WORD = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str:
    """The language of a text: by script, then (Latin) by the commonest short words."""
    sample = text[:20000]
    counts = {
        "ru": len(_CYRILLIC.findall(sample)),
        "ar": len(_ARABIC.findall(sample)),
        "zh": len(_HAN.findall(sample)) * 3,
    }
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    script, score = max(counts.items(), key=lambda kv: kv[1])
    if score > latin:
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = {
        code: sum(1 for w in words if w in LANGUAGES[code].stopwords) for code in ("en", "fr", "es")
    }
    # "de", "la", "en" are shared by French and Spanish: the distinctive words decide
    scores["fr"] += 2 * sum(1 for w in words if w in {"des", "du", "les", "le", "et"})
    scores["es"] += 2 * sum(1 for w in words if w in {"los", "las", "del", "y", "el"})
    best = max(scores.items(), key=lambda kv: kv[1])
    return best[0] if best[1] > 0 else "en"
