#!/usr/bin/env python3
"""Builds the scenario fixtures that the real samples are too short for (see README.md).

Shapes follow the real responses in the shared api-samples; values come from the bundled real
traces, so they are plausible grid intensities. Run from this folder; output is deterministic.
"""
import csv, gzip, io, json, os, shutil
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TRACES = os.path.join(HERE, "..", "..", "data", "traces")
SAMPLES = os.environ.get("API_SAMPLES", os.path.join(HERE, "..", "..", "..", "shared", "api-samples"))

def trace(name, col):
    with gzip.open(os.path.join(TRACES, name), "rt", encoding="utf-8") as f:
        r = csv.DictReader(f)
        key = "Datetime (UTC)" if "Datetime (UTC)" in r.fieldnames else "Time"
        return {row[key]: float(row[col]) for row in r}

def dump(path, obj):
    os.makedirs(os.path.dirname(os.path.join(HERE, path)), exist_ok=True)
    with open(os.path.join(HERE, path), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")

def copy(sample, path):
    os.makedirs(os.path.dirname(os.path.join(HERE, path)), exist_ok=True)
    shutil.copyfile(os.path.join(SAMPLES, sample), os.path.join(HERE, path))

def index(g):
    return "very low" if g < 40 else "low" if g < 120 else "moderate" if g < 200 else "high" if g < 290 else "very high"

# Electricity Maps: forecast of ES from 2024-03-10T12:00Z, 72 hourly rows, values = ES 2022 LCA.
es = trace("ES_2022_hourly.csv.gz", "Carbon Intensity gCO₂eq/kWh (LCA)")
t0 = datetime(2024, 3, 10, 12, tzinfo=timezone.utc)
rows = []
for h in range(72):
    t = t0 + timedelta(hours=h)
    v = es[(datetime(2022, 3, 10, 12) + timedelta(hours=h)).strftime("%Y-%m-%d %H:%M:%S")]
    rows.append({"carbonIntensity": round(v), "datetime": t.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
dump("electricitymaps/es_forecast_72h.json", {"zone": "ES", "forecast": rows, "updatedAt": "2024-03-10T11:52:07.311Z"})
extra = [dict(r, isEstimated=True, estimationMethod="FORECASTS_HIERARCHY", emissionFactorType="lifecycle") for r in rows]
dump("electricitymaps/es_forecast_72h_extra_fields.json",
     {"zone": "ES", "forecast": extra, "updatedAt": "2024-03-10T11:52:07.311Z",
      "temporalGranularity": "hourly", "flowTraced": True, "_disclaimer": "added field"})
hist = []
for h in range(24, 0, -1):
    t = t0 - timedelta(hours=h)
    v = es[(datetime(2022, 3, 10, 12) - timedelta(hours=h)).strftime("%Y-%m-%d %H:%M:%S")]
    hist.append({"zone": "ES", "carbonIntensity": round(v), "datetime": t.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                 "updatedAt": "2024-03-10T11:40:20.886Z", "createdAt": "2024-03-07T12:39:45.450Z",
                 "emissionFactorType": "lifecycle", "isEstimated": h <= 2,
                 "estimationMethod": "TIME_SLICER_AVERAGE" if h <= 2 else None})
dump("electricitymaps/es_history_24h_data.json", {"zone": "ES", "data": hist})
copy("electricitymaps-v3-carbon-intensity-history.json", "electricitymaps/de_history_docs.json")
copy("electricitymaps-v3-carbon-intensity-past-range.json", "electricitymaps/de_past_range_docs.json")
copy("electricitymaps-v3-carbon-intensity-latest.json", "electricitymaps/fr_latest.json")
dump("electricitymaps/unknown_zone_400.json", {"status": "error", "message": "Zone 'XX' does not exist."})
dump("electricitymaps/token_unauthorized_401.json", {"status": "error", "message": "Token unauthorized for zoneKey ES"})
dump("electricitymaps/rate_limited_429.json", {"status": "error", "message": "Too many requests"})

# WattTime: CAISO_NORTH forecast from 2022-07-15T00:00Z, 24 h of 5-minute points, lbs/MWh.
wt0 = datetime(2022, 7, 15, tzinfo=timezone.utc)
data = [{"point_time": (wt0 + timedelta(minutes=5 * i)).isoformat(), "value": 870 - (i % 12) * 5} for i in range(288)]
dump("watttime/caiso_forecast_24h.json", {"data": data, "meta": {
    "data_point_period_seconds": 300, "region": "CAISO_NORTH", "warnings": [], "signal_type": "co2_moer",
    "model": {"date": "2022-10-01"}, "units": "lbs_co2_per_mwh", "generated_at_period_seconds": 300,
    "generated_at": "2022-07-15T00:00:00+00:00"}})
d = json.load(open(os.path.join(HERE, "watttime/caiso_forecast_24h.json")))
d["meta"]["new_field"] = {"nested": [1, 2]}
for p in d["data"]:
    p["imputed_data_used"] = False
dump("watttime/caiso_forecast_24h_extra_fields.json", d)
copy("watttime-v3-historical.json", "watttime/caiso_historical.json")
copy("watttime-v3-signal-index.json", "watttime/psco_signal_index.json")
copy("watttime-v3-region-from-loc.json", "watttime/region_from_loc.json")
copy("watttime-v3-error-invalid-scope.json", "watttime/invalid_scope_403.json")
copy("watttime-v3-error-region-from-loc-no-coverage.json", "watttime/unknown_zone_400.json")
dump("watttime/login.json", {"token": "wt-test-bearer-token-0123456789"})
dump("watttime/token_unauthorized_401.json", {"error": "Unauthorized", "message": "Token expired or invalid"})
dump("watttime/rate_limited_429.json", {"error": "Too Many Requests", "message": "Rate limit of 3000 requests per 5 minutes exceeded"})

# UK grid: national fw48h from 2023-03-10T11:30Z (96 half-hours), values = GB trace 2020.
gb = trace("GB.csv.gz", "Carbon Intensity")
u0 = datetime(2023, 3, 10, 11, 30, tzinfo=timezone.utc)
fmt = "%Y-%m-%dT%H:%MZ"
def uk_value(t):
    return round(gb[(t.replace(year=2020, tzinfo=None)).strftime("%Y-%m-%d %H:%M:%S")])
nat = []
for i in range(96):
    t = u0 + timedelta(minutes=30 * i)
    v = uk_value(t)
    nat.append({"from": t.strftime(fmt), "to": (t + timedelta(minutes=30)).strftime(fmt),
                "intensity": {"forecast": v, "actual": None, "index": index(v)}})
dump("ukgrid/gb_fw48h_national.json", {"data": nat})
dump("ukgrid/gb_fw48h_national_extra_fields.json",
     {"data": [dict(r, generationmix=[{"fuel": "wind", "perc": 30.1}], intensity=dict(r["intensity"], confidence="high"))
               for r in nat], "meta": {"note": "added field"}})
past = []
for i in range(48, 0, -1):
    t = u0 - timedelta(minutes=30 * i)
    v = uk_value(t)
    past.append({"from": t.strftime(fmt), "to": (t + timedelta(minutes=30)).strftime(fmt),
                 "intensity": {"forecast": v + 7, "actual": None if i <= 2 else v, "index": index(v)}})
dump("ukgrid/gb_past_24h_null_actuals.json", {"data": past})
mix = json.load(open(os.path.join(SAMPLES, "ukci-regional-intensity-fw48h-REAL-trimmed.json")))
london = next(r for r in mix["data"][0]["regions"] if r["regionid"] == 13)
reg = []
for i in range(96):
    t = u0 + timedelta(minutes=30 * i)
    v = london["intensity"]["forecast"] if i == 0 else round(uk_value(t) * 121 / 157)
    reg.append({"from": t.strftime(fmt), "to": (t + timedelta(minutes=30)).strftime(fmt),
                "intensity": {"forecast": v, "index": index(v)}, "generationmix": london["generationmix"]})
dump("ukgrid/gb_regional_fw48h_regionid_13.json", {"data": [{"regionid": 13, "dnoregion": london["dnoregion"],
                                                            "shortname": london["shortname"], "data": reg}]})
copy("ukci-regional-intensity-fw48h-REAL-trimmed.json", "ukgrid/gb_regional_fw48h_all_regions_real.json")
dump("ukgrid/unknown_zone_400.json", {"error": {"code": "400 Bad Request", "message": "Invalid region id 99"}})
dump("ukgrid/token_unauthorized_401.json", {"error": {"code": "401 Unauthorized", "message": "Unauthorized"}})
dump("ukgrid/rate_limited_429.json", {"error": {"code": "429 Too Many Requests", "message": "Too many requests"}})

# Carbon Aware SDK: real samples as they are; errors as RFC 7807 ValidationProblemDetails.
copy("casdk-webapi-emissions-forecasts-current.json", "casdk/eastus_forecasts_current.json")
copy("casdk-webapi-emissions-bylocation.json", "casdk/westus_bylocations.json")
copy("casdk-webapi-emissions-average-carbon-intensity.json", "casdk/eastus_average_carbon_intensity.json")
f = json.load(open(os.path.join(SAMPLES, "casdk-webapi-emissions-forecasts-current.json")))
f[0]["unexpected"] = {"x": 1}
for p in f[0]["forecastData"]:
    p["confidence"] = 0.9
dump("casdk/eastus_forecasts_current_extra_fields.json", f)
dump("casdk/unknown_zone_400.json", {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
     "title": "One or more validation errors occurred.", "status": 400,
     "detail": "Unknown location: 'nowhere'", "errors": {"location": ["Unknown location"]}})
dump("casdk/token_unauthorized_401.json", {"type": "https://tools.ietf.org/html/rfc7235#section-3.1",
     "title": "Unauthorized", "status": 401, "detail": "Upstream WattTime login failed"})
dump("casdk/rate_limited_429.json", {"title": "Too Many Requests", "status": 429, "detail": "Upstream rate limited"})

# Malformed: each source's success body cut short, as a dropped connection leaves it.
for src, name in [("electricitymaps", "es_forecast_72h.json"), ("watttime", "caiso_forecast_24h.json"),
                  ("ukgrid", "gb_fw48h_national.json"), ("casdk", "eastus_forecasts_current.json")]:
    body = open(os.path.join(HERE, src, name), encoding="utf-8").read()
    with open(os.path.join(HERE, src, "malformed.json"), "w", encoding="utf-8") as out:
        out.write(body[: len(body) // 3])
open(os.path.join(HERE, "empty_204"), "w").close()
