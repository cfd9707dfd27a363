#!/usr/bin/env python3
"""Check the demo federation's sample data in seeds/ (standard library only).

Usage: python3 seeds/validate.py [seeds-dir]

Checks centers.json, records/<center-id>.json and matches.json against the seed schema and
vocabularies, then prints counts per center, per language and per sector. Exits 1 on any error.
"""
import datetime
import json
import os
import re
import sys
from collections import Counter

LANGS = {"zh", "ar", "en", "fr", "ru", "mn", "kk"}
CENTER_KINDS = {"bilateral_center", "working_base", "hub"}
RECORD_KINDS = {"achievement", "need"}
SECTORS = {
    "agriculture", "water_saving", "desalination", "solar_energy", "wind_energy", "new_energy_vehicles",
    "satellite_navigation", "smart_city", "information_technology", "medicine", "biotechnology",
    "new_materials", "environmental_protection", "advanced_manufacturing", "food_processing",
    "animal_husbandry", "mining", "traditional_medicine",
}
MODES = {"licensing", "assignment", "joint_development", "investment", "technical_service", "training"}
STATUSES = {"open", "in_negotiation", "closed"}
IP_STATUSES = {"patent_granted", "patent_pending", "software_copyright", "trade_secret", "unprotected"}
CURRENCIES = {"USD", "CNY", "EUR", "SAR", "AED", "OMR", "QAR", "EGP", "JOD", "MAD", "SDG", "MNT", "KZT", "NGN"}
ISO_COUNTRIES = set(
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY "
    "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK "
    "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR "
    "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK "
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split()
)

CENTER_KEYS = {"id", "name", "country", "kind", "languages"}
COMMON_KEYS = {"kind", "local_id", "title", "summary", "sector", "keywords", "country", "organisation",
               "cooperation_modes", "contact", "status"}
REQUIRED = {"achievement": COMMON_KEYS | {"trl", "ip_status"}, "need": COMMON_KEYS}
OPTIONAL = {"achievement": set(), "need": {"budget", "deadline"}}

CENTER_ID = re.compile(r"^[a-z0-9-]{1,32}$")
LOCAL_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@example\.(org|com)$")
PHONE = re.compile(r"^\+[1-9][0-9]{0,3}( [0-9]{1,5}){1,5}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SENTENCE_END = re.compile(r"[.!?؟][\"”’)]?(?=\s|$)|[。！？]")

SCRIPTS = {
    "han": re.compile(r"[\u4e00-\u9fff]"),
    "arabic": re.compile(r"[\u0621-\u064a]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
LANG_SCRIPT = {"zh": "han", "ar": "arabic", "ru": "cyrillic", "mn": "cyrillic", "kk": "cyrillic",
               "en": "latin", "fr": "latin"}
MN_KK_LETTERS = re.compile(r"[өүӨҮәғқңұһіӘҒҚҢҰҺІ]")
CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")


def load(path, chk):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=no_duplicate_keys(path, chk))
    except (OSError, ValueError) as e:
        chk.err(path, f"cannot load: {e}")
        return None


def no_duplicate_keys(path, chk):
    def hook(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                chk.err(path, f"duplicate key {k!r}")
            seen[k] = v
        return seen
    return hook


def walk_nulls(value, where, chk):
    if value is None:
        chk.err(where, "null value (omit optional keys instead)")
    elif isinstance(value, dict):
        for k, v in value.items():
            if k.startswith("_"):
                chk.err(where, f"private key {k!r} is not part of the schema")
            walk_nulls(v, f"{where}.{k}", chk)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            walk_nulls(v, f"{where}[{i}]", chk)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def clean_text(s):
    return isinstance(s, str) and s.strip() == s and s != "" and "\n" not in s and "  " not in s


def check_lang_text(lang, text, where, chk):
    script = LANG_SCRIPT[lang]
    if not SCRIPTS[script].search(text):
        chk.err(where, f"text tagged {lang!r} contains no {script} letters")
    if lang == "ru" and MN_KK_LETTERS.search(text):
        chk.err(where, "text tagged 'ru' contains Mongolian/Kazakh-only letters")
    if lang in ("en", "fr") and SCRIPTS["han"].search(text):
        chk.err(where, f"text tagged {lang!r} contains Chinese characters")


def check_langmap(value, where, chk, max_len, sentences=False):
    if not isinstance(value, dict) or not value:
        chk.err(where, "must be a non-empty object of language tag to text")
        return set()
    for lang, text in value.items():
        w = f"{where}.{lang}"
        if lang not in LANGS:
            chk.err(w, f"unknown language tag {lang!r}")
            continue
        if not clean_text(text):
            chk.err(w, "must be a non-empty single-line string without stray spaces")
            continue
        if len(text) > max_len:
            chk.err(w, f"longer than {max_len} characters")
        check_lang_text(lang, text, w, chk)
        if sentences:
            n = len(SENTENCE_END.findall(text))
            if not 1 <= n <= 4:
                chk.err(w, f"summary has {n} sentences, expected 1-4")
        elif lang == "zh" and CJK_SPACE_CJK.search(text):
            chk.err(w, "Chinese title has a space between characters")
    return set(value)


def check_center(c, i, chk):
    where = f"centers.json[{i}]"
    if not isinstance(c, dict):
        chk.err(where, "must be an object")
        return None
    if set(c) != CENTER_KEYS:
        chk.err(where, f"keys must be exactly {sorted(CENTER_KEYS)}, got {sorted(c)}")
    cid = c.get("id")
    if not isinstance(cid, str) or not CENTER_ID.match(cid):
        chk.err(where, f"bad id {cid!r}")
        return None
    where = f"centers.json[{cid}]"
    check_langmap(c.get("name"), f"{where}.name", chk, 200)
    if c.get("country") not in ISO_COUNTRIES:
        chk.err(where, f"bad country {c.get('country')!r}")
    if c.get("kind") not in CENTER_KINDS:
        chk.err(where, f"bad kind {c.get('kind')!r}")
    langs = c.get("languages")
    if not isinstance(langs, list) or not langs or len(set(langs)) != len(langs) or not set(langs) <= LANGS:
        chk.err(where, f"bad languages {langs!r}")
    return cid


def check_record(r, where, chk):
    if not isinstance(r, dict):
        chk.err(where, "must be an object")
        return None
    kind = r.get("kind")
    if kind not in RECORD_KINDS:
        chk.err(where, f"bad kind {kind!r}")
        return None
    keys = set(r)
    missing = REQUIRED[kind] - keys
    extra = keys - REQUIRED[kind] - OPTIONAL[kind]
    if missing:
        chk.err(where, f"missing keys {sorted(missing)}")
    if extra:
        chk.err(where, f"keys not allowed for {'an' if kind == 'achievement' else 'a'} {kind}: {sorted(extra)}")
    lid = r.get("local_id")
    if not isinstance(lid, str) or not LOCAL_ID.match(lid):
        chk.err(where, f"bad local_id {lid!r}")
    title_langs = check_langmap(r.get("title"), f"{where}.title", chk, 300)
    summary_langs = check_langmap(r.get("summary"), f"{where}.summary", chk, 1200, sentences=True)
    if title_langs and summary_langs and title_langs != summary_langs:
        chk.err(where, f"title languages {sorted(title_langs)} differ from summary languages {sorted(summary_langs)}")
    if r.get("sector") not in SECTORS:
        chk.err(where, f"bad sector {r.get('sector')!r}")
    kws = r.get("keywords")
    if not isinstance(kws, list) or not 2 <= len(kws) <= 8:
        chk.err(where, "keywords must be a list of 2-8 strings")
    else:
        if len({k.casefold() for k in kws if isinstance(k, str)}) != len(kws):
            chk.err(where, "duplicate keywords")
        for k in kws:
            if not clean_text(k) or len(k) > 64:
                chk.err(where, f"bad keyword {k!r}")
                continue
            scripts = {s for s, rx in SCRIPTS.items() if rx.search(k)}
            allowed = {LANG_SCRIPT[lang] for lang in title_langs if lang in LANG_SCRIPT}
            if scripts and not scripts & allowed:
                chk.err(where, f"keyword {k!r} is not in one of the record's languages {sorted(title_langs)}")
    if r.get("country") not in ISO_COUNTRIES:
        chk.err(where, f"bad country {r.get('country')!r}")
    if not clean_text(r.get("organisation")) or len(r.get("organisation", "")) > 200:
        chk.err(where, "organisation must be a non-empty string of at most 200 characters")
    modes = r.get("cooperation_modes")
    if not isinstance(modes, list) or not modes or len(set(modes)) != len(modes) or not set(modes) <= MODES:
        chk.err(where, f"bad cooperation_modes {modes!r}")
    contact = r.get("contact")
    if not isinstance(contact, dict) or not {"name", "email"} <= set(contact) <= {"name", "email", "phone"}:
        chk.err(where, "contact must have name and email, and optionally phone")
    else:
        if not clean_text(contact.get("name")):
            chk.err(where, "contact.name must be a non-empty string")
        if not isinstance(contact.get("email"), str) or not EMAIL.match(contact["email"]):
            chk.err(where, f"contact.email must be fictitious (@example.org/.com): {contact.get('email')!r}")
        if "phone" in contact and (not isinstance(contact["phone"], str) or not PHONE.match(contact["phone"])):
            chk.err(where, f"bad contact.phone {contact.get('phone')!r}")
    if r.get("status") not in STATUSES:
        chk.err(where, f"bad status {r.get('status')!r}")
    if kind == "achievement":
        if not is_int(r.get("trl")) or not 1 <= r["trl"] <= 9:
            chk.err(where, f"trl must be an integer 1-9, got {r.get('trl')!r}")
        if r.get("ip_status") not in IP_STATUSES:
            chk.err(where, f"bad ip_status {r.get('ip_status')!r}")
    else:
        b = r.get("budget")
        if b is not None:
            if not isinstance(b, dict) or set(b) != {"min", "max", "currency"}:
                chk.err(where, "budget must have exactly min, max, currency")
            elif not (is_int(b["min"]) and is_int(b["max"]) and 0 <= b["min"] <= b["max"]):
                chk.err(where, f"budget needs integers 0 <= min <= max, got {b!r}")
            elif b["currency"] not in CURRENCIES:
                chk.err(where, f"bad budget currency {b['currency']!r}")
        d = r.get("deadline")
        if d is not None:
            try:
                if not isinstance(d, str) or not DATE.match(d):
                    raise ValueError
                datetime.date.fromisoformat(d)
            except ValueError:
                chk.err(where, f"deadline must be a YYYY-MM-DD date, got {d!r}")
    return kind


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    chk = Checker()

    centers = load(os.path.join(root, "centers.json"), chk)
    if not isinstance(centers, list):
        chk.err("centers.json", "must be an array")
        centers = []
    walk_nulls(centers, "centers.json", chk)
    center_kind = {}
    for i, c in enumerate(centers):
        cid = check_center(c, i, chk)
        if cid is None:
            continue
        if cid in center_kind:
            chk.err("centers.json", f"duplicate center id {cid!r}")
        center_kind[cid] = c.get("kind")
    hubs = [c for c, k in center_kind.items() if k == "hub"]
    if hubs != ["casttc"]:
        chk.err("centers.json", f"expected exactly one hub 'casttc', got {hubs}")

    rec_dir = os.path.join(root, "records")
    files = sorted(f for f in os.listdir(rec_dir) if f.endswith(".json")) if os.path.isdir(rec_dir) else []
    for f in files:
        cid = f[:-5]
        if cid not in center_kind:
            chk.err(f"records/{f}", "no such center in centers.json")
        elif center_kind[cid] == "hub":
            chk.err(f"records/{f}", "the hub has no records of its own")

    kinds = {}          # "<center>/<local_id>" -> kind
    stats = {}
    lang_counts = Counter()
    sector_counts = Counter()
    for cid, ckind in center_kind.items():
        if ckind == "hub":
            continue
        path = os.path.join(rec_dir, cid + ".json")
        if not os.path.exists(path):
            chk.err(f"records/{cid}.json", "missing")
            continue
        recs = load(path, chk)
        if not isinstance(recs, list):
            chk.err(f"records/{cid}.json", "must be an array")
            continue
        walk_nulls(recs, f"records/{cid}.json", chk)
        st = stats[cid] = Counter()
        for i, r in enumerate(recs):
            lid = r.get("local_id") if isinstance(r, dict) else None
            where = f"records/{cid}.json[{i}:{lid}]"
            kind = check_record(r, where, chk)
            if kind is None:
                continue
            key = f"{cid}/{lid}"
            if key in kinds:
                chk.err(where, f"duplicate local_id {lid!r}")
            kinds[key] = kind
            st[kind] += 1
            st[r.get("status")] += 1
            for lang in r.get("title") or {}:
                st["lang:" + lang] += 1
                lang_counts[lang] += 1
            sector_counts[r.get("sector")] += 1
        total = st["achievement"] + st["need"]
        if total < 30:
            chk.err(f"records/{cid}.json", f"has {total} records, expected at least 30")
        elif min(st["achievement"], st["need"]) < total / 3:
            chk.err(f"records/{cid}.json", f"achievements ({st['achievement']}) and needs ({st['need']}) are unbalanced")

    matches = load(os.path.join(root, "matches.json"), chk)
    if not isinstance(matches, list):
        chk.err("matches.json", "must be an array")
        matches = []
    walk_nulls(matches, "matches.json", chk)
    pairs = set()
    for i, m in enumerate(matches):
        where = f"matches.json[{i}]"
        if not isinstance(m, dict) or set(m) != {"need", "achievement", "why"}:
            chk.err(where, "must have exactly need, achievement, why")
            continue
        if kinds.get(m["need"]) != "need":
            chk.err(where, f"need {m['need']!r} is not an existing need")
        if kinds.get(m["achievement"]) != "achievement":
            chk.err(where, f"achievement {m['achievement']!r} is not an existing achievement")
        if str(m["need"]).split("/")[0] == str(m["achievement"]).split("/")[0]:
            chk.err(where, "need and achievement belong to the same center")
        if not clean_text(m["why"]):
            chk.err(where, "why must be a non-empty string")
        pair = (m["need"], m["achievement"])
        if pair in pairs:
            chk.err(where, f"duplicate pair {pair}")
        pairs.add(pair)

    langs = sorted(lang_counts, key=lambda l: -lang_counts[l])
    print(f"{'center':<10}{'records':>8}{'achiev.':>8}{'needs':>7}{'open':>6}{'negot.':>7}{'closed':>7}  "
          + "".join(f"{l:>5}" for l in langs))
    for cid, st in stats.items():
        print(f"{cid:<10}{st['achievement'] + st['need']:>8}{st['achievement']:>8}{st['need']:>7}{st['open']:>6}"
              f"{st['in_negotiation']:>7}{st['closed']:>7}  " + "".join(f"{st['lang:' + l]:>5}" for l in langs))
    total = sum(st["achievement"] + st["need"] for st in stats.values())
    print(f"{'total':<10}{total:>8}{sum(s['achievement'] for s in stats.values()):>8}"
          f"{sum(s['need'] for s in stats.values()):>7}  (language columns count records whose title carries it)")
    print("languages: " + ", ".join(f"{l} {lang_counts[l]}" for l in langs))
    print("sectors:   " + ", ".join(f"{s} {n}" for s, n in sector_counts.most_common()))
    print(f"matches:   {len(pairs)} need-achievement pairs across centers")

    if chk.errors:
        print(f"\n{len(chk.errors)} error(s):", file=sys.stderr)
        for e in chk.errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
