"""Food price transparency: the price store, spike alerts (WFP ALPS, FAO GIEWS IPA), markups
along the chain and the legal cap on СЗПТ, regional dispersion, indices.

Bundled data: WFP VAM retail prices 2005–2020 (HDX ``wfp_food_prices_kaz``), national prices
quoted by the press from the bureau's weekly monitoring, the 15 % markup rule with its sources.
"""

from aimaq.supply.prices.alps import ALPSResult, alps, classify_alps
from aimaq.supply.prices.dispersion import DispersionResult, dispersion
from aimaq.supply.prices.giews import IPAResult, classify_ipa, ipa
from aimaq.supply.prices.indices import ChangeResult, IndexResult, changes, price_index, real_prices
from aimaq.supply.prices.markups import (
    LotMarkupResult,
    MarkupCap,
    MarkupResult,
    legal_cap,
    lot_markups,
    priced_events,
    stage_markups,
)
from aimaq.supply.prices.store import PriceStore, open_price_store

__all__ = [
    "ALPSResult",
    "ChangeResult",
    "DispersionResult",
    "IPAResult",
    "IndexResult",
    "LotMarkupResult",
    "MarkupCap",
    "MarkupResult",
    "PriceStore",
    "alps",
    "changes",
    "classify_alps",
    "classify_ipa",
    "dispersion",
    "ipa",
    "legal_cap",
    "lot_markups",
    "open_price_store",
    "price_index",
    "priced_events",
    "real_prices",
    "stage_markups",
]
