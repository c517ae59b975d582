#!/usr/bin/env python3
"""Requests that leave facts out, for timing `juris decide --format json` and its cases search.

Each line is one of the shared cases of tests/cases/decisions.jsonl with a random half of its
facts dropped and its jurisdiction, agency, action and date drawn at random (Maryland, four of
its counties, Baltimore City and California). Seeded, so the same arguments give the same file.

    python3 crates/juris-bench/scripts/partial-requests.py [COUNT (2000)] [SEED (7)] > partial.jsonl
"""

import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
JURISDICTIONS = ["us-md-montgomery", "us-md-prince-georges", "us-md-howard", "us-md-frederick", "us-md-baltimore-city", "us-ca-county", "us-md"]
ACTIONS = ["hold", "notify", "inquire_status", "transfer", "interview", "share_info", "civil_arrest", "assist"]
AGENCIES = ["corrections", "police", "sheriff"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    with open(ROOT / "tests/cases/decisions.jsonl") as f:
        cases = [json.loads(line)["request"] for line in f]
    for _ in range(count):
        request = json.loads(json.dumps(rng.choice(cases)))
        request["jurisdiction"] = rng.choice(JURISDICTIONS)
        request["action"] = rng.choice(ACTIONS)
        request["agency"] = rng.choice(AGENCIES)
        request["as_of"] = "%d-%02d-%02d" % (rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28))
        request["facts"] = {k: v for k, v in request.get("facts", {}).items() if rng.random() < 0.5}
        print(json.dumps(request))


if __name__ == "__main__":
    main()
