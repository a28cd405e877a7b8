"""Build src/paypath/data/fx_rates.csv: units of each currency per 1 USD.

Run: .venv/bin/python scripts/build_fx_rates.py

Two references, both dated and named in every row:

1. ECB euro foreign exchange reference rates of 2024-06-28 (the daily eurofxref file,
   30 currencies quoted per 1 EUR). Cross rates per USD are ECB[ccy] / ECB[USD].
2. For the currencies the ECB does not quote: the rate Stack Overflow used to convert
   the 2024 Developer Survey's CompTotal into ConvertedCompYearly (median of
   CompTotal / ConvertedCompYearly per currency in ../shared/data/so-survey-2024,
   survey fielded May-June 2024). That implied rate is also written beside every ECB row
   as a cross-check.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SURVEY = ROOT.parent / "shared" / "data" / "so-survey-2024" / "survey_data_updated.csv.bz2"
OUT = ROOT / "src" / "paypath" / "data" / "fx_rates.csv"

ECB_DATE = "2024-06-28"
ECB_SOURCE = "ECB euro foreign exchange reference rates, 2024-06-28 (cross rate via USD)"
SURVEY_SOURCE = "Stack Overflow Developer Survey 2024 implied rate (CompTotal/ConvertedCompYearly)"
SURVEY_DATE = "2024-06"
# Units per 1 EUR, ECB daily reference rates for 2024-06-28.
ECB_PER_EUR = {
    "USD": 1.0705, "JPY": 171.94, "BGN": 1.9558, "CZK": 25.025, "DKK": 7.4575,
    "GBP": 0.84638, "HUF": 395.10, "PLN": 4.3090, "RON": 4.9773, "SEK": 11.3595,
    "CHF": 0.9634, "ISK": 148.90, "NOK": 11.3965, "TRY": 35.1868, "AUD": 1.6079,
    "BRL": 5.8915, "CAD": 1.4670, "CNY": 7.7748, "HKD": 8.3594, "IDR": 17487.21,
    "ILS": 4.0200, "INR": 89.2495, "KRW": 1474.86, "MXN": 19.5654, "MYR": 5.0501,
    "NZD": 1.7601, "PHP": 62.560, "SGD": 1.4513, "THB": 39.319, "ZAR": 19.4970,
}  # fmt: skip
EXTRA_NAMES = {"EUR": "Euro", "USD": "United States dollar"}


def survey_rates() -> tuple[dict[str, float], dict[str, str], dict[str, int]]:
    df = pd.read_csv(SURVEY, usecols=["Currency", "CompTotal", "ConvertedCompYearly"]).dropna()
    df = df[(df.CompTotal > 0) & (df.ConvertedCompYearly > 0)]
    parts = df.Currency.str.split(r"[\t ]", n=1, regex=True)
    df = df.assign(code=parts.str[0], name=parts.str[1].str.strip())
    df = df.assign(rate=df.CompTotal / df.ConvertedCompYearly)
    grouped = df.groupby("code")
    names = {str(c): str(n) for c, n in grouped.name.first().items()}
    return (
        {str(c): float(r) for c, r in grouped.rate.median().items()},
        names,
        {str(c): int(n) for c, n in grouped.rate.count().items()},
    )


def main() -> None:
    implied, names, counts = survey_rates()
    names.update({k: v for k, v in EXTRA_NAMES.items() if k not in names})
    codes = sorted(set(implied) | set(ECB_PER_EUR) | {"EUR"})
    usd_per_eur = ECB_PER_EUR["USD"]
    rows = []
    for code in codes:
        survey = implied.get(code)
        if code == "EUR" or code in ECB_PER_EUR:
            per_usd = (ECB_PER_EUR.get(code, 1.0)) / usd_per_eur
            source, date, note = ECB_SOURCE, ECB_DATE, ""
            if survey and abs(survey / per_usd - 1) > 0.03:
                note = f"survey rate differs by {100 * (survey / per_usd - 1):+.1f}%"
        else:
            assert survey is not None
            per_usd, source, date = survey, SURVEY_SOURCE, SURVEY_DATE
            note = f"not quoted by the ECB; survey median of {counts[code]} response(s)"
            if counts[code] < 3:
                note += "; few responses: rate uncertain"
        rows.append(
            {
                "currency": code,
                "name": names.get(code, ""),
                "per_usd": f"{per_usd:.6g}",
                "date": date,
                "source": source,
                "survey_per_usd": f"{survey:.6g}" if survey else "",
                "notes": note,
            }
        )
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# paypath FX table: units of each currency per 1 US dollar.\n"
            f"# date: {ECB_DATE}\n"
            f"# source: {ECB_SOURCE}; currencies the ECB does not quote: {SURVEY_SOURCE}\n"
            "# ECB rates: the eurofxref daily file for 2024-06-28 (values per 1 EUR, copied from a"
            " published copy of eurofxref-daily.xml; not re-fetched at build time; every one agrees"
            " with the survey's rate within 3%).\n"
            "# survey_per_usd: the rate implied by the SO 2024 survey's own conversion, a"
            " cross-check.\n"
            "# built by scripts/build_fx_rates.py\n"
        )
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"wrote {len(rows)} currencies to {OUT}\n")


if __name__ == "__main__":
    main()
