"""Amazon marketplaces: codes, the names and domains reports use for them, currency and time zone."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marketplace:
    code: str
    currency: str
    timezone: str
    names: tuple[str, ...]  # lower-case spellings seen in reports: country names, domains, Chinese names


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("US", "USD", "America/Los_Angeles", ("united states", "usa", "amazon.com", "美国", "atvpdkikx0der")),
    Marketplace("CA", "CAD", "America/Los_Angeles", ("canada", "amazon.ca", "加拿大", "a2euq1wtgctbg2")),
    Marketplace("MX", "MXN", "America/Los_Angeles", ("mexico", "amazon.com.mx", "墨西哥", "a1am78c64um0y8")),
    Marketplace("BR", "BRL", "America/Sao_Paulo", ("brazil", "amazon.com.br", "巴西")),
    Marketplace("UK", "GBP", "Europe/London", ("united kingdom", "gb", "amazon.co.uk", "英国", "a1f83g8c2aro7p")),
    Marketplace("DE", "EUR", "Europe/Berlin", ("germany", "amazon.de", "德国", "a1pa6795ukmfr9")),
    Marketplace("FR", "EUR", "Europe/Paris", ("france", "amazon.fr", "法国", "a13v1ib3viyzzh")),
    Marketplace("IT", "EUR", "Europe/Rome", ("italy", "amazon.it", "意大利", "apj6jra9ng5v4")),
    Marketplace("ES", "EUR", "Europe/Madrid", ("spain", "amazon.es", "西班牙", "a1rkkupihcs9hs")),
    Marketplace("NL", "EUR", "Europe/Amsterdam", ("netherlands", "amazon.nl", "荷兰")),
    Marketplace("SE", "SEK", "Europe/Stockholm", ("sweden", "amazon.se", "瑞典")),
    Marketplace("PL", "PLN", "Europe/Warsaw", ("poland", "amazon.pl", "波兰")),
    Marketplace("BE", "EUR", "Europe/Brussels", ("belgium", "amazon.com.be", "比利时")),
    Marketplace("TR", "TRY", "Europe/Istanbul", ("turkey", "amazon.com.tr", "土耳其")),
    Marketplace("AE", "AED", "Asia/Dubai", ("united arab emirates", "amazon.ae", "阿联酋")),
    Marketplace("SA", "SAR", "Asia/Riyadh", ("saudi arabia", "amazon.sa", "沙特")),
    Marketplace("IN", "INR", "Asia/Kolkata", ("india", "amazon.in", "印度", "a21tjruun4kgv")),
    Marketplace("JP", "JPY", "Asia/Tokyo", ("japan", "amazon.co.jp", "日本", "a1vc38t7yxb528")),
    Marketplace("AU", "AUD", "Australia/Sydney", ("australia", "amazon.com.au", "澳大利亚", "澳洲")),
    Marketplace("SG", "SGD", "Asia/Singapore", ("singapore", "amazon.sg", "新加坡")),
)

_BY_NAME: dict[str, str] = {}
for _m in MARKETPLACES:
    _BY_NAME[_m.code.lower()] = _m.code
    for _n in _m.names:
        _BY_NAME[_n] = _m.code

BY_CODE: dict[str, Marketplace] = {m.code: m for m in MARKETPLACES}


def marketplace_code(value: object) -> str | None:
    """The two-letter code for a marketplace as a report spells it, or None when unknown.

    >>> marketplace_code("Amazon.com"), marketplace_code("美国"), marketplace_code("GB")
    ('US', 'US', 'UK')
    """
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text.startswith("www."):
        text = text[4:]
    return _BY_NAME.get(text)


def timezone_of(code: str) -> str:
    market = BY_CODE.get(code)
    return market.timezone if market else "UTC"


def currency_of(code: str) -> str | None:
    market = BY_CODE.get(code)
    return market.currency if market else None
