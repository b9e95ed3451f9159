"""Constants of the national report: its indicators, resampling settings and thresholds."""

from __future__ import annotations

__all__ = [
    "ALMATY_CITY",
    "ALPHA",
    "DISPERSION_INDICATORS",
    "EMP",
    "GRP",
    "GRP_PC",
    "GVA_PROBE",
    "KEY_INDICATORS",
    "LAST_OLD_BORDERS",
    "LQ_LEVELS",
    "N_BOOT",
    "OIL_SET",
    "OUTFLOW_SHARE",
    "PERMUTATIONS",
    "POP",
    "POVERTY",
    "PROD",
    "RANKED_INDICATORS",
    "RURAL",
    "SEED",
    "URBAN",
    "WAGE",
]

#: The city whose grouping the Theil decomposition is most sensitive to.
ALMATY_CITY = "KZ-75"
GRP_PC = "grp_per_capita_thousand_kzt"
GRP = "grp_mln_kzt"
POP = "population_total"
PROD = "labour_productivity_thousand_kzt"
EMP = "employed_thousand"
WAGE = "avg_monthly_nominal_wage_kzt"
URBAN, RURAL = "population_urban", "population_rural"
POVERTY = "poverty_share_below_subsistence_pct"
#: GVA section whose years decide the base year of the shift-share.
GVA_PROBE = "gva_A_mln_kzt"

#: Indicators mapped and summarised (id -> display decimals).
KEY_INDICATORS: dict[str, int] = {
    GRP_PC: 1,
    "unemployment_rate_pct": 1,
    "avg_monthly_nominal_wage_kzt": 0,
    "labour_productivity_thousand_kzt": 1,
    "fixed_capital_investment_per_capita_thousand_kzt": 1,
    "net_migration_per_1000": 1,
    "self_employed_share_pct": 1,
}
#: Indicators with a ranking chart.
RANKED_INDICATORS = [
    GRP_PC,
    "unemployment_rate_pct",
    "avg_monthly_nominal_wage_kzt",
    "labour_productivity_thousand_kzt",
]
#: Indicators whose dispersion is tabulated.
DISPERSION_INDICATORS = [
    GRP_PC,
    "avg_monthly_nominal_wage_kzt",
    "labour_productivity_thousand_kzt",
    "fixed_capital_investment_per_capita_thousand_kzt",
    "unemployment_rate_pct",
]
#: The declared significance level of every test the report states a pattern from.
ALPHA = 0.05
#: Permutations of the spatial tests, bootstrap draws of the dispersion intervals, their seed.
PERMUTATIONS = 999
N_BOOT = 999
SEED = 12345
LAST_OLD_BORDERS = 2021  # last year of the division before 2022-06-08
#: Key of the set of ``region_sets.toml`` highlighted in the wage/output chart.
OIL_SET = "oil"
#: LQ thresholds of the shaded cells of the location-quotient table.
LQ_LEVELS = [1.0, 1.5, 2.0]
#: Share of each single-industry town's population moving in the outflow scenario.
OUTFLOW_SHARE = 0.1
