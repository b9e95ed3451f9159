"""Fixed text of the report in Kazakh, Russian and English, and number formatting.

Numbers follow each language's convention: English ``5,284.7``; Russian and Kazakh
``5 284,7`` with a no-break space (U+00A0) between thousands and a decimal comma.
"""

from __future__ import annotations

import math

__all__ = ["LANGS", "NBSP", "T", "UNITS", "fmt_int", "fmt_number", "fmt_pct", "fmt_signed", "t"]

LANGS = ("kk", "ru", "en")
NBSP = "\u00a0"


def fmt_number(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Format ``x`` with thousands separators and ``digits`` decimals in ``lang``.

    Examples
    --------
    >>> fmt_number(5284.7, "en")
    '5,284.7'
    >>> fmt_number(5284.7, "ru") == "5\\u00a0284,7"
    True
    """
    if x is None:
        return "–"
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(xf):
        return "–"
    s = f"{xf:,.{digits}f}"
    if s.startswith("-") and float(s.replace(",", "")) == 0:
        s = s[1:]
    if lang in ("ru", "kk"):
        s = s.replace(",", NBSP).replace(".", ",")
    return s


def fmt_int(x: float | int | None, lang: str = "en") -> str:
    """Whole number (counts, persons)."""
    return fmt_number(x, lang, 0)


def fmt_pct(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Percentage: ``12.3%`` (en), ``12,3 %`` (ru, kk)."""
    s = fmt_number(x, lang, digits)
    if s == "–":
        return s
    return s + ("%" if lang == "en" else NBSP + "%")


def fmt_signed(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Number with an explicit sign (``+1.2``, ``−0.4``)."""
    s = fmt_number(x, lang, digits)
    if s == "–":
        return s
    if s.startswith("-"):
        return "−" + s[1:]
    return "+" + s if float(x) != 0 else s


#: Fixed strings: key -> {lang: text}. ``{name}`` placeholders are filled with ``str.format``.
T: dict[str, dict[str, str]] = {
    "title": {
        "en": "Territorial development of Kazakhstan: national report",
        "ru": "Территориальное развитие Казахстана: национальный доклад",
        "kk": "Қазақстанның аумақтық дамуы: ұлттық баяндама",
    },
    "subtitle": {
        "en": "Regions of Kazakhstan, {year}, borders of {borders}",
        "ru": "Регионы Казахстана, {year} г., в границах {borders} г.",
        "kk": "Қазақстан өңірлері, {year} ж., {borders} ж. шекарасында",
    },
    "generated": {
        "en": "Built by aimaq {version} on {date} from the observation store; every figure is "
        "taken from the store with its recorded source or computed from it.",
        "ru": "Сформирован aimaq {version} {date} из хранилища наблюдений; каждая цифра взята из "
        "хранилища с указанным источником или рассчитана на его основе.",
        "kk": "aimaq {version} арқылы {date} бақылаулар қоймасынан жасалды; әрбір сан қоймадан "
        "көрсетілген дереккөзімен алынған немесе соның негізінде есептелген.",
    },
    "contents": {"en": "Contents", "ru": "Содержание", "kk": "Мазмұны"},
    "sec_summary": {"en": "Executive summary", "ru": "Основные выводы", "kk": "Негізгі тұжырымдар"},
    "sec_key": {"en": "Key indicators", "ru": "Ключевые показатели", "kk": "Негізгі көрсеткіштер"},
    "sec_maps": {"en": "Maps", "ru": "Карты", "kk": "Карталар"},
    "sec_rankings": {"en": "Rankings", "ru": "Рейтинги регионов", "kk": "Өңірлер рейтингі"},
    "sec_trends": {
        "en": "Trends by region",
        "ru": "Динамика по регионам",
        "kk": "Өңірлер бойынша серпін",
    },
    "sec_lorenz": {"en": "Lorenz curve", "ru": "Кривая Лоренца", "kk": "Лоренц қисығы"},
    "sec_dispersion": {
        "en": "Dispersion of regional values",
        "ru": "Межрегиональная дифференциация",
        "kk": "Өңірлік айырмашылықтар",
    },
    "sec_decomposition": {
        "en": "Decomposition by macro-region",
        "ru": "Декомпозиция по макрорегионам",
        "kk": "Макроөңірлер бойынша декомпозиция",
    },
    "sec_convergence": {"en": "Convergence", "ru": "Конвергенция", "kk": "Конвергенция"},
    "sec_spatial": {
        "en": "Spatial clusters (LISA)",
        "ru": "Пространственные кластеры (LISA)",
        "kk": "Кеңістіктік кластерлер (LISA)",
    },
    "sec_population": {
        "en": "Population change",
        "ru": "Изменение численности населения",
        "kk": "Халық санының өзгеруі",
    },
    "sec_appendix": {
        "en": "Data appendix: sources and gaps",
        "ru": "Приложение: источники и пробелы в данных",
        "kk": "Қосымша: дереккөздер мен деректердегі олқылықтар",
    },
    "sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
    "gaps": {"en": "Gaps", "ru": "Пробелы в данных", "kk": "Деректердегі олқылықтар"},
    "no_gaps": {
        "en": "No gaps: every region in force has a figure for every indicator and year used.",
        "ru": "Пробелов нет: по каждому показателю и году есть данные по всем регионам.",
        "kk": "Олқылық жоқ: әр көрсеткіш пен жыл бойынша барлық өңірдің деректері бар.",
    },
    "missing_section": {
        "en": "Data missing: this section could not be built.",
        "ru": "Нет данных: раздел не может быть построен.",
        "kk": "Деректер жоқ: бұл бөлімді құру мүмкін болмады.",
    },
    "missing_indicator": {
        "en": "No figures of “{indicator}” for {year} in the store.",
        "ru": "В хранилище нет данных «{indicator}» за {year} г.",
        "kk": "Қоймада «{indicator}» бойынша {year} ж. деректер жоқ.",
    },
    "too_few": {
        "en": "Too few regions with figures of “{indicator}” ({n}).",
        "ru": "Слишком мало регионов с данными «{indicator}» ({n}).",
        "kk": "«{indicator}» бойынша деректері бар өңірлер тым аз ({n}).",
    },
    "too_few_years": {
        "en": "Fewer than two years of “{indicator}” on comparable borders.",
        "ru": "Менее двух лет данных «{indicator}» в сопоставимых границах.",
        "kk": "«{indicator}» бойынша салыстырмалы шекарада екі жылдан аз деректер.",
    },
    "coverage": {
        "en": "Coverage of the store: what is missing for the report's indicators, every year",
        "ru": "Полнота хранилища: чего не хватает по показателям доклада, по годам",
        "kk": "Қойманың толықтығы: баяндама көрсеткіштері бойынша жылдар бойынша не жетіспейді",
    },
    "coverage_note": {
        "en": "Each year on its own division (units in force that year, plus the national "
        "figure KZ). Derived indicators are listed through their stored components.",
        "ru": "Каждый год в своих границах (действовавшие в том году регионы и республика KZ). "
        "Производные показатели представлены своими компонентами.",
        "kk": "Әр жыл өз шекарасында (сол жылы болған өңірлер және республика KZ). Туынды "
        "көрсеткіштер өз құрамдастары арқылы берілген.",
    },
    "all_regions": {
        "en": "all (no figures)",
        "ru": "все (нет данных)",
        "kk": "барлығы (деректер жоқ)",
    },
    "n_present": {"en": "Present", "ru": "Есть", "kk": "Бар"},
    "n_expected": {"en": "Expected", "ru": "Ожидается", "kk": "Күтілетін"},
    "not_in_store": {"en": "not in the store", "ru": "нет в хранилище", "kk": "қоймада жоқ"},
    "table": {"en": "Table", "ru": "Таблица", "kk": "Кесте"},
    "see_table": {"en": "see table", "ru": "см. таблицу", "kk": "кестені қараңыз"},
    "show_table": {"en": "Show table", "ru": "Показать таблицу", "kk": "Кестені көрсету"},
    "national": {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"},
    "no_data": {"en": "no data", "ru": "нет данных", "kk": "деректер жоқ"},
    "above": {"en": "above national", "ru": "выше среднего по РК", "kk": "республикадан жоғары"},
    "below": {"en": "below national", "ru": "ниже среднего по РК", "kk": "республикадан төмен"},
    "classes": {
        "en": "Classes: {scheme}, {k} classes (mapclassify)",
        "ru": "Классы: {scheme}, {k} классов (mapclassify)",
        "kk": "Кластар: {scheme}, {k} класс (mapclassify)",
    },
    "region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "code": {"en": "Code", "ru": "Код", "kk": "Код"},
    "rank": {"en": "Rank", "ru": "Место", "kk": "Орын"},
    "value": {"en": "Value", "ru": "Значение", "kk": "Мәні"},
    "pct_national": {"en": "% of national", "ru": "% от РК", "kk": "РК-ға %"},
    "macro_region": {"en": "Macro-region", "ru": "Макрорегион", "kk": "Макроөңір"},
    "indicator": {"en": "Indicator", "ru": "Показатель", "kk": "Көрсеткіш"},
    "unit": {"en": "Unit", "ru": "Единица", "kk": "Өлшем бірлігі"},
    "year": {"en": "Year", "ru": "Год", "kk": "Жыл"},
    "years": {"en": "Years", "ru": "Годы", "kk": "Жылдар"},
    "source": {"en": "Source", "ru": "Источник", "kk": "Дереккөз"},
    "missing_regions": {
        "en": "Missing regions",
        "ru": "Нет данных по регионам",
        "kk": "Деректері жоқ өңірлер",
    },
    "reason": {"en": "Reason", "ru": "Причина", "kk": "Себебі"},
    "n_regions": {"en": "Regions", "ru": "Регионов", "kk": "Өңірлер саны"},
    "minimum": {"en": "Minimum", "ru": "Минимум", "kk": "Ең төмен"},
    "maximum": {"en": "Maximum", "ru": "Максимум", "kk": "Ең жоғары"},
    "max_min": {"en": "Max/min ratio", "ru": "Отношение макс./мин.", "kk": "Ең жоғары/ең төмен"},
    "n_below": {
        "en": "Regions below national",
        "ru": "Регионов ниже уровня РК",
        "kk": "РК деңгейінен төмен өңірлер",
    },
    "national_value": {
        "en": "Kazakhstan",
        "ru": "Республика Казахстан",
        "kk": "Қазақстан Республикасы",
    },
    "lorenz_x": {
        "en": "Cumulative share of population",
        "ru": "Накопленная доля населения",
        "kk": "Халықтың жинақталған үлесі",
    },
    "lorenz_y": {
        "en": "Cumulative share of GRP",
        "ru": "Накопленная доля ВРП",
        "kk": "ЖӨӨ-нің жинақталған үлесі",
    },
    "lorenz_regions_x": {
        "en": "Cumulative share of regions",
        "ru": "Накопленная доля регионов",
        "kk": "Өңірлердің жинақталған үлесі",
    },
    "equality": {"en": "Line of equality", "ru": "Линия равенства", "kk": "Теңдік сызығы"},
    "weighted": {
        "en": "population weighted",
        "ru": "взвешенный по населению",
        "kk": "халық санымен өлшенген",
    },
    "unweighted": {
        "en": "unweighted (each region counts once)",
        "ru": "невзвешенный (каждый регион учитывается один раз)",
        "kk": "өлшенбеген (әр өңір бір рет ескеріледі)",
    },
    "lisa_note": {
        "en": "Local Moran's I with queen contiguity (shared border or corner), row-standardised, "
        "{perm} conditional permutations (seed {seed}); clusters at p ≤ {alpha}.",
        "ru": "Локальный индекс Морана, соседство типа «ферзь» (общая граница или точка), "
        "нормировка по строкам, {perm} условных перестановок (seed {seed}); кластеры при p ≤ {alpha}.",
        "kk": "Жергілікті Моран индексі, «ферзь» типті көршілік (ортақ шекара немесе нүкте), "
        "жолдар бойынша нормаланған, {perm} шартты ауыстыру (seed {seed}); кластерлер p ≤ {alpha}.",
    },
    "High-High": {"en": "High-High", "ru": "Высокий–высокий", "kk": "Жоғары–жоғары"},
    "Low-Low": {"en": "Low-Low", "ru": "Низкий–низкий", "kk": "Төмен–төмен"},
    "High-Low": {"en": "High-Low", "ru": "Высокий–низкий", "kk": "Жоғары–төмен"},
    "Low-High": {"en": "Low-High", "ru": "Низкий–высокий", "kk": "Төмен–жоғары"},
    "not significant": {"en": "not significant", "ru": "незначимо", "kk": "мәнсіз"},
    "theil_note": {
        "en": "Two different Theil indices are reported. Theil T = GE(1) weights each region by "
        "its share of income (GRP) and is most sensitive to the top of the distribution; Theil L "
        "= GE(0), the mean log deviation, weights each region by its population share (or 1/n "
        "unweighted) and is most sensitive to the bottom. Both decompose exactly into between- "
        "and within-macro-region parts.",
        "ru": "Приводятся два разных индекса Тейла. Тейл T = GE(1) взвешивает регионы по доле в "
        "доходе (ВРП) и чувствителен к верхней части распределения; Тейл L = GE(0), среднее "
        "логарифмическое отклонение, взвешивает по доле населения (или 1/n без весов) и "
        "чувствителен к нижней части. Оба точно раскладываются на меж- и внутри-макрорегиональную "
        "составляющие.",
        "kk": "Тейлдің екі түрлі индексі келтірілген. Тейл T = GE(1) өңірлерді табыстағы (ЖӨӨ) "
        "үлесімен өлшейді және үлестірімнің жоғарғы бөлігіне сезімтал; Тейл L = GE(0), орташа "
        "логарифмдік ауытқу, халық үлесімен (немесе салмақсыз 1/n) өлшейді және төменгі бөлігіне "
        "сезімтал. Екеуі де макроөңірлер арасындағы және ішіндегі бөліктерге дәл жіктеледі.",
    },
    "macro_note": {
        "en": "Macro-regions: {groups} (an analytical convention of aimaq, not an official "
        "statistic).",
        "ru": "Макрорегионы: {groups} (аналитическая группировка aimaq, не официальная статистика).",
        "kk": "Макроөңірлер: {groups} (aimaq аналитикалық топтамасы, ресми статистика емес).",
    },
    "convergence_note": {
        "en": "GRP per capita in current prices on the borders of {borders} (so that every year "
        "covers the same regions), {start}–{end}. No regional deflators are in the store: the "
        "convergence is of nominal values.",
        "ru": "ВРП на душу населения в текущих ценах в границах {borders} г. (чтобы все годы "
        "охватывали одни и те же регионы), {start}–{end}. Региональных дефляторов в хранилище нет: "
        "речь о конвергенции номинальных значений.",
        "kk": "Жан басына шаққандағы ЖӨӨ ағымдағы бағамен, {borders} ж. шекарасында (барлық "
        "жылдар бірдей өңірлерді қамтуы үшін), {start}–{end}. Қоймада өңірлік дефляторлар жоқ: "
        "номиналды мәндердің конвергенциясы.",
    },
    "trends_note": {
        "en": "{indicator} ({unit}) on the borders of {borders}; dashed line: Kazakhstan.",
        "ru": "{indicator} ({unit}) в границах {borders} г.; пунктир: Казахстан.",
        "kk": "{indicator} ({unit}), {borders} ж. шекарасында; үзік сызық: Қазақстан.",
    },
    "ci_note": {
        "en": "95% percentile bootstrap intervals, {n_boot} resamples of regions (seed {seed}).",
        "ru": "95%-ные перцентильные бутстреп-интервалы, {n_boot} повторных выборок регионов "
        "(seed {seed}).",
        "kk": "95% перцентильдік бутстреп аралықтары, өңірлердің {n_boot} қайта іріктемесі "
        "(seed {seed}).",
    },
    "computed_by": {
        "en": "aimaq: computed from the store",
        "ru": "aimaq: рассчитано по данным хранилища",
        "kk": "aimaq: қойма деректерінен есептелген",
    },
    "footer": {
        "en": "This file is self-contained: it opens offline and makes no network requests.",
        "ru": "Файл самодостаточен: открывается без интернета и не делает сетевых запросов.",
        "kk": "Файл дербес: интернетсіз ашылады және желіге сұрау жібермейді.",
    },
}


#: Units the catalogue labels only in English: label -> {lang: label}.
UNITS: dict[str, dict[str, str]] = {
    "% of labour force": {"ru": "% рабочей силы", "kk": "жұмыс күшінің %"},
    "per 1000 persons": {"ru": "на 1000 человек", "kk": "1000 адамға"},
    "% of previous year": {"ru": "% к предыдущему году", "kk": "өткен жылға %"},
    "rank": {"ru": "место", "kk": "орын"},
}


def t(key: str, lang: str = "en", **kw) -> str:
    """The fixed string ``key`` in ``lang`` (English when missing), formatted with ``kw``."""
    entry = T.get(key)
    if entry is None:
        return key.format(**kw) if kw else key
    s = entry.get(lang) or entry["en"]
    return s.format(**kw) if kw else s
