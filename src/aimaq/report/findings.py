"""Findings: short statements with their figures, in Kazakh, Russian and English.

A finding is built from figures computed at build time (never typed in): each figure is
formatted for each language and slotted into the statement's template, and the finding points
to the table that holds its figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aimaq.geo import registry
from aimaq.report.text import LANGS, fmt_int, fmt_number, fmt_pct, fmt_signed

__all__ = ["Finding", "TEMPLATES", "make"]


@dataclass
class Finding:
    """One statement of the executive summary.

    Attributes
    ----------
    id : str
        Key of the template (see :data:`TEMPLATES`).
    text : dict
        Language -> statement.
    figures : dict
        Name -> raw value of every figure in the statement.
    table : str
        Id of the table holding the figures.
    """

    id: str
    text: dict[str, str]
    figures: dict[str, object] = field(default_factory=dict)
    table: str = ""


def _fmt(kind: str, value, lang: str) -> str:
    if kind == "region":
        return registry.name(str(value), lang)
    if kind == "regions":
        return ", ".join(registry.name(str(v), lang) for v in value)
    if kind == "text":
        return value[lang] if isinstance(value, dict) else str(value)
    if kind == "int":
        return fmt_int(value, lang)
    if kind == "pct":
        return fmt_pct(value, lang, 1)
    if kind == "signed_pct":
        return fmt_signed(value, lang, 1) + ("%" if lang == "en" else "\u00a0%")
    if kind.startswith("num"):
        return fmt_number(value, lang, int(kind[3:] or 1))
    if kind.startswith("signed"):
        return fmt_signed(value, lang, int(kind[6:] or 1))
    return str(value)


#: Statement templates: id -> {lang: template}. Placeholders name the figures.
TEMPLATES: dict[str, dict[str, str]] = {
    "grp_position": {
        "en": "GRP per capita in {year} was {national} {unit} for Kazakhstan as a whole; "
        "{n_below} of {n} regions were below the national value.",
        "ru": "ВРП на душу населения в {year} г. составил {national} {unit} в целом по "
        "Казахстану; {n_below} из {n} регионов ниже среднереспубликанского уровня.",
        "kk": "{year} жылы жан басына шаққандағы ЖӨӨ Қазақстан бойынша {national} {unit} болды; "
        "{n} өңірдің {n_below}-і республикалық деңгейден төмен.",
    },
    "grp_extremes": {
        "en": "The highest GRP per capita, in {max_region} ({max} {unit}), was {ratio} times "
        "the lowest, in {min_region} ({min} {unit}).",
        "ru": "Наибольший ВРП на душу населения — {max_region} ({max} {unit}) — в {ratio} раза "
        "выше наименьшего — {min_region} ({min} {unit}).",
        "kk": "Жан басына шаққандағы ЖӨӨ ең жоғары өңір — {max_region} ({max} {unit}) — ең төменгі "
        "өңірден — {min_region} ({min} {unit}) — {ratio} есе жоғары.",
    },
    "concentration": {
        "en": "Three regions — {top} — produced {cr} of the GRP of all regions in {year}.",
        "ru": "Три региона — {top} — произвели {cr} суммарного ВРП регионов в {year} г.",
        "kk": "Үш өңір — {top} — {year} жылы өңірлердің жалпы ЖӨӨ-нің {cr} өндірді.",
    },
    "dispersion": {
        "en": "Population-weighted inequality of GRP per capita across regions: Gini {gini}, "
        "Theil T {theil_t}, Theil L {theil_l} (Williamson CV {cv}).",
        "ru": "Взвешенное по населению неравенство ВРП на душу населения между регионами: "
        "Джини {gini}, Тейл T {theil_t}, Тейл L {theil_l} (CV Уильямсона {cv}).",
        "kk": "Жан басына шаққандағы ЖӨӨ-нің халық санымен өлшенген өңіраралық теңсіздігі: "
        "Джини {gini}, Тейл T {theil_t}, Тейл L {theil_l} (Уильямсон CV {cv}).",
    },
    "decomposition": {
        "en": "Differences between the five macro-regions account for {t_share} of Theil T "
        "and {l_share} of Theil L (population weighted); the rest is within macro-regions.",
        "ru": "Различия между пятью макрорегионами объясняют {t_share} индекса Тейла T и "
        "{l_share} индекса Тейла L (с весами по населению); остальное — различия внутри "
        "макрорегионов.",
        "kk": "Бес макроөңір арасындағы айырмашылықтар Тейл T индексінің {t_share} және Тейл L "
        "индексінің {l_share} құрайды (халық санымен өлшенген); қалғаны — макроөңірлер ішіндегі "
        "айырмашылықтар.",
    },
    "sigma": {
        "en": "Sigma convergence {start}–{end}: the coefficient of variation of GRP per capita "
        "went from {cv0} to {cv1} ({n} regions, borders of {borders}).",
        "ru": "Сигма-конвергенция {start}–{end}: коэффициент вариации ВРП на душу населения "
        "изменился с {cv0} до {cv1} ({n} регионов, границы {borders} г.).",
        "kk": "Сигма-конвергенция {start}–{end}: жан басына шаққандағы ЖӨӨ вариация коэффициенті "
        "{cv0}-ден {cv1}-ге өзгерді ({n} өңір, {borders} ж. шекарасы).",
    },
    "beta": {
        "en": "Absolute beta convergence {start}–{end}: β = {beta} (p = {p}), {verdict}.",
        "ru": "Абсолютная бета-конвергенция {start}–{end}: β = {beta} (p = {p}), {verdict}.",
        "kk": "Абсолюттік бета-конвергенция {start}–{end}: β = {beta} (p = {p}), {verdict}.",
    },
    "moran": {
        "en": "GRP per capita is spatially {sign} autocorrelated: Moran's I = {I} "
        "(pseudo p = {p}); significant LISA clusters: {clusters}.",
        "ru": "ВРП на душу населения пространственно автокоррелирован {sign}: I Морана = {I} "
        "(псевдо-p = {p}); значимые кластеры LISA: {clusters}.",
        "kk": "Жан басына шаққандағы ЖӨӨ кеңістіктік {sign} автокорреляцияланған: Моран I = {I} "
        "(псевдо-p = {p}); LISA маңызды кластерлері: {clusters}.",
    },
    "unemployment": {
        "en": "Unemployment in {year}: {national} nationally, from {min} in {min_region} to "
        "{max} in {max_region}.",
        "ru": "Безработица в {year} г.: {national} по стране, от {min} ({min_region}) до {max} "
        "({max_region}).",
        "kk": "{year} жылғы жұмыссыздық: республика бойынша {national}, {min} ({min_region}) "
        "бастап {max} ({max_region}) дейін.",
    },
    "wage": {
        "en": "The average monthly nominal wage in {year} was {national} {unit}; {n_below} of "
        "{n} regions were below it, and the highest regional wage ({max_region}) was {ratio} "
        "times the lowest ({min_region}).",
        "ru": "Среднемесячная номинальная заработная плата в {year} г. — {national} {unit}; в "
        "{n_below} из {n} регионов она ниже, а наибольшая ({max_region}) в {ratio} раза выше "
        "наименьшей ({min_region}).",
        "kk": "{year} жылғы орташа айлық номиналды жалақы — {national} {unit}; {n} өңірдің "
        "{n_below}-інде одан төмен, ал ең жоғарысы ({max_region}) ең төменгісінен "
        "({min_region}) {ratio} есе жоғары.",
    },
    "region_sets": {
        "en": "Shares of national GRP in {year}, with shares of population in brackets: {sets}.",
        "ru": "Доли в ВРП республики в {year} г. (в скобках — доли в населении): {sets}.",
        "kk": "{year} ж. республика ЖӨӨ-ндегі үлестер (жақшада — халықтағы үлестер): {sets}.",
    },
    "hoover": {
        "en": "Hoover index of population vs territory {h_pt} and of population vs GRP {h_pg} "
        "in {year}: {h_pg_pct} of GRP would have to move between regions for equal GRP per head; "
        "the largest contribution is {top_region}'s ({top_c}).",
        "ru": "Индекс Гувера населения и территории — {h_pt}, населения и ВРП — {h_pg} "
        "({year} г.): для равного ВРП на душу между регионами нужно перераспределить {h_pg_pct} "
        "ВРП; наибольший вклад — {top_region} ({top_c}).",
        "kk": "{year} ж. халық пен аумақтың Гувер индексі — {h_pt}, халық пен ЖӨӨ — {h_pg}: жан "
        "басына тең ЖӨӨ үшін ЖӨӨ-нің {h_pg_pct} өңірлер арасында қайта бөлінуі тиіс; ең үлкен "
        "үлес — {top_region} ({top_c}).",
    },
    "income_output": {
        "en": "Average wage against GRP per capita, both relative to the national value, in "
        "{year} — oil regions: {oil}. The wage position is below the output position (ρ < 1) in "
        "{n_below} of {n} regions, most of all in {min_region} (ρ = {min}).",
        "ru": "Средняя заработная плата и ВРП на душу населения относительно уровня РК в {year} "
        "г. — нефтяные регионы: {oil}. Положение по зарплате ниже положения по выпуску (ρ < 1) "
        "в {n_below} из {n} регионов, сильнее всего — {min_region} (ρ = {min}).",
        "kk": "{year} ж. орташа жалақы мен жан басына шаққандағы ЖӨӨ республикалық деңгейге "
        "қатысты — мұнайлы өңірлер: {oil}. Жалақы деңгейі өндіріс деңгейінен төмен (ρ < 1) — {n} "
        "өңірдің {n_below}-інде, ең көбі — {min_region} (ρ = {min}).",
    },
    "population": {
        "en": "Population change {start}–{end} (1 January): {national} nationally; {n_decline} "
        "of {n} regions lost population; fastest growth in {max_region} ({max}).",
        "ru": "Изменение численности населения {start}–{end} (на 1 января): {national} по "
        "стране; в {n_decline} из {n} регионов население сократилось; быстрее всего росло в "
        "регионе {max_region} ({max}).",
        "kk": "Халық санының өзгеруі {start}–{end} (1 қаңтарға): республика бойынша {national}; "
        "{n} өңірдің {n_decline}-інде халық азайды; ең жылдам өсім — {max_region} ({max}).",
    },
    "productivity": {
        "en": "Labour productivity (GRP per employed person) in {year} ranged from {min} "
        "{unit} in {min_region} to {max} {unit} in {max_region}, a ratio of {ratio}.",
        "ru": "Производительность труда (ВРП на одного занятого) в {year} г. — от {min} {unit} "
        "({min_region}) до {max} {unit} ({max_region}), разрыв в {ratio} раза.",
        "kk": "{year} жылғы еңбек өнімділігі (бір жұмыспен қамтылғанға ЖӨӨ) — {min} {unit} "
        "({min_region}) бастап {max} {unit} ({max_region}) дейін, айырма {ratio} есе.",
    },
    "specialisation": {
        "en": "By gross value added across the 19 OKED sections in {year}, {div_region} had the "
        "most diversified economy (equivalent of {n_eq} equally sized sections) and "
        "{spec_region} the most specialised (Krugman index {k}); {eci_region} had the highest "
        "economic complexity index (ECI {eci}).",
        "ru": "По валовой добавленной стоимости 19 секций ОКЭД в {year} г. наиболее "
        "диверсифицированная экономика — {div_region} (эквивалент {n_eq} равных секций), "
        "наиболее специализированная — {spec_region} (индекс Кругмана {k}); наибольший индекс "
        "экономической сложности — {eci_region} (ECI {eci}).",
        "kk": "{year} жылы ЭҚЖЖ-ның 19 секциясының жалпы қосылған құны бойынша экономикасы ең "
        "әртараптандырылған өңір — {div_region} ({n_eq} тең секцияға балама), ең маманданған — "
        "{spec_region} (Кругман индексі {k}); экономикалық күрделілік индексі ең жоғары — "
        "{eci_region} (ECI {eci}).",
    },
    "shift_share": {
        "en": "Shift-share of GVA {y0}–{y1} (current prices; all regions grew by {g}): the "
        "largest positive regional shift was in {top} ({rs_top} {unit}), the largest negative "
        "in {low} ({rs_low} {unit}).",
        "ru": "Shift-share ВДС {y0}–{y1} (текущие цены; рост по всем регионам {g}): наибольший "
        "положительный региональный сдвиг — {top} ({rs_top} {unit}), наибольший отрицательный — "
        "{low} ({rs_low} {unit}).",
        "kk": "ЖҚҚ shift-share {y0}–{y1} (ағымдағы бағалар; барлық өңірлердің өсімі {g}): ең "
        "үлкен оң өңірлік ығысу — {top} ({rs_top} {unit}), ең үлкен теріс ығысу — {low} "
        "({rs_low} {unit}).",
    },
    "typology": {
        "en": "On the composite development index of {year} (weights a documented choice, not "
        "data), {top} ranks first (rank {top_min}–{top_max} under weight perturbations) and "
        "{bottom} last; Ward clustering separates {k} types of regions.",
        "ru": "По сводному индексу развития {year} г. (веса — задокументированный выбор, а не "
        "данные) первое место занимает {top} (места {top_min}–{top_max} при возмущениях весов), "
        "последнее — {bottom}; число типов регионов по кластеризации Уорда: {k}.",
        "kk": "{year} ж. дамудың жиынтық индексі бойынша (салмақтар — деректер емес, құжатталған "
        "таңдау) бірінші орында — {top} (салмақтар ауытқығанда {top_min}–{top_max} орын), соңғы "
        "орында — {bottom}; Уорд кластерлеуі өңірлердің {k} типін бөледі.",
    },
    "monotowns": {
        "en": "Of the {n} single-industry towns in the sourced registry, {n_located} are located; "
        "if {share} of each town's population moved to its nearest large city, {city} would grow "
        "most ({increase}, from {towns}).",
        "ru": "Из {n} моногородов реестра найдены {n_located}; если {share} населения каждого "
        "переедет в ближайший крупный город, больше всего вырастет {city} ({increase}, из: "
        "{towns}).",
        "kk": "Тізілімдегі {n} моноқаланың {n_located}-і табылды; әр қала халқының {share}-ы ең "
        "жақын ірі қалаға көшсе, ең көп өсетіні — {city} ({increase}, қайдан: {towns}).",
    },
}


def make(fid: str, table: str, **figures: tuple[str, object]) -> Finding:
    """Build finding ``fid`` from ``figures`` given as ``name=(kind, value)``.

    ``kind`` is one of ``region``, ``regions``, ``text`` (a ``{lang: str}`` dict), ``int``,
    ``pct``, ``signed_pct``, ``numN`` (N decimals), ``signedN``; the raw values are kept in
    :attr:`Finding.figures`.
    """
    tpl = TEMPLATES[fid]
    text = {
        lang: tpl[lang].format(**{k: _fmt(kind, v, lang) for k, (kind, v) in figures.items()})
        for lang in LANGS
    }
    return Finding(id=fid, text=text, figures={k: v for k, (_, v) in figures.items()}, table=table)
