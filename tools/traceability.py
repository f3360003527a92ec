#!/usr/bin/env python3
"""Traceability: every MUST / SHOULD of the contract (sections 2 and 3), the
scenarios that check it, and the mutants that prove those checks.

  tools/traceability.py [--harness PATH] [--write | --check]

Inputs
  ../shared/spec/contract.md            the requirements (ids are assigned here)
  scenarios/issues/traceability.json    scenario -> requirement ids (kept by the scenarios)
  mutation/mutants/*.mutant             mutant -> requirement ids (`targets:`)
  reports/mutation/results.json         which mutants the last campaign killed, and by what
  `harness list`                        the scenarios that exist (with --harness)

--write regenerates docs/traceability.md. --check (the ctest) fails when a MUST
has no scenario, a MUST has no mutant targeting it, a scenario maps to no
requirement or to an id the contract does not have, the table names a scenario
that does not exist or misses one that does, or docs/traceability.md is stale.

Ids: in the paragraph of issue API-NNN, the text after "MUST:" (up to "SHOULD:"
or "Defect:") is cut into sentences and then into clauses at top-level
semicolons; the n-th clause is API-NNN.Mn. The SHOULD text likewise gives
API-NNN.Sn. Section 3 has no MUST keyword, but its heading makes every sentence
a MUST ("checked after every scenario"); the n-th is INV.Mn. Ids follow the
contract's order, so they stay put as long as the contract does; when it changes,
the regenerated document differs and --check fails until someone reviews the
mapping and regenerates.

Python 3.11 standard library only: the tool runs where ctest runs, with nothing
to install, and parses Markdown that is regular enough for a few expressions.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "spec" / "contract.md"
TABLE = ROOT / "scenarios" / "issues" / "traceability.json"
MUTANTS = ROOT / "mutation" / "mutants"
RESULTS = ROOT / "reports" / "mutation" / "results.json"
DOC = ROOT / "docs" / "traceability.md"


# --- the contract -------------------------------------------------------------------

def section(text: str, number: int) -> str:
    match = re.search(rf"^## {number}\..*?$(.*?)(?=^## \d+\.|\Z)", text, re.M | re.S)
    if not match:
        raise SystemExit(f"traceability: contract has no section {number}")
    return match.group(1)


def split_top_level(text: str, separators: str) -> list[str]:
    """Splits at `separators` outside (…), `…` and — … — spans."""
    parts, depth, in_code, in_dash, start = [], 0, False, False, 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "`":
            in_code = not in_code
        elif not in_code:
            if c == "(":
                depth += 1
            elif c == ")":
                depth = max(0, depth - 1)
            elif c == "\u2014":
                in_dash = not in_dash
            elif depth == 0 and not in_dash and c in separators:
                parts.append(text[start:i + 1])
                start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences end at '.' followed by a space and a capital, outside (…) and `…`."""
    text = " ".join(text.split())
    out, current = [], ""
    for piece in split_top_level(text, "."):
        current = f"{current} {piece}".strip()
        following = text[text.find(piece) + len(piece):].lstrip()[:1]
        if piece.endswith(".") and (not following or following.isupper() or following == "("):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def clauses(text: str) -> list[str]:
    result = []
    for sentence in sentences(text):
        result += [c.rstrip(";").strip() for c in split_top_level(sentence, ";")]
    return result


def requirements(contract: str) -> list[dict]:
    reqs = []
    two = section(contract, 2)
    for paragraph in re.split(r"\n\s*\n", two):
        head = re.match(r"\*\*(API-\d{3}) ([^*]+)\*\*", paragraph.strip())
        if not head:
            continue
        issue, title = head.group(1), head.group(2).rstrip(".")
        body = " ".join(paragraph.split())
        must = re.search(r"MUST:(.*?)(?=SHOULD:|Defect:|\Z)", body)
        should = re.search(r"SHOULD:(.*?)(?=Defect:|\Z)", body)
        for kind, match in (("M", must), ("S", should)):
            if not match:
                continue
            for n, clause in enumerate(clauses(match.group(1)), 1):
                reqs.append({"id": f"{issue}.{kind}{n}", "issue": issue, "title": title,
                             "level": "MUST" if kind == "M" else "SHOULD", "text": clause})
    three = section(contract, 3)
    body = "\n".join(l for l in three.splitlines() if not l.startswith("#"))
    for n, sentence in enumerate(sentences(body), 1):
        reqs.append({"id": f"INV.M{n}", "issue": "INV", "title": "invariants (section 3)",
                     "level": "MUST", "text": sentence})
    return reqs


# --- scenarios and mutants ------------------------------------------------------------

def harness_scenarios(harness: str) -> set[str]:
    listed = subprocess.run([harness, "list"], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in listed.splitlines():
        m = re.match(r"^(API-\d{3})\s+(\S+)\s+needs:", line)
        if m:
            names.add(f"{m.group(1)}/{m.group(2)}")
    return names


def mutant_targets() -> dict[str, list[str]]:
    targets = {}
    for path in sorted(MUTANTS.glob("*.mutant")):
        for line in path.read_text().splitlines():
            if line.startswith("targets:"):
                targets[path.stem] = line.split(":", 1)[1].split()
    return targets


def mutant_results() -> dict[str, dict]:
    if not RESULTS.exists():
        return {}
    return {m["name"]: m for m in json.loads(RESULTS.read_text()).get("mutants", [])}


# --- the document ------------------------------------------------------------------------

def render(reqs, table, targets, results) -> str:
    by_req_scen: dict[str, list[str]] = {r["id"]: [] for r in reqs}
    for scenario, ids in sorted(table.items()):
        for i in ids:
            by_req_scen.setdefault(i, []).append(scenario)
    by_req_mut: dict[str, list[str]] = {r["id"]: [] for r in reqs}
    for mutant, ids in sorted(targets.items()):
        for i in ids:
            by_req_mut.setdefault(i, []).append(mutant)

    def mutant_cell(name: str) -> str:
        r = results.get(name)
        if not r:
            return f"`{name}` (not run)"
        if r["status"] == "KILLED":
            caught = sorted({c["scenario"] for c in r.get("caught_by", [])})
            by = ", ".join(caught[:3]) + (" …" if len(caught) > 3 else "")
            return f"`{name}` killed by {by}" if by else f"`{name}` killed"
        if r.get("equivalent"):
            return f"`{name}` SURVIVED (equivalent)"
        if r.get("out_of_reach"):
            return f"`{name}` SURVIVED (out of reach, see reports/mutation/summary.md)"
        return f"`{name}` **{r['status']}**"

    must = [r for r in reqs if r["level"] == "MUST"]
    proven = [r for r in must if any(results.get(m, {}).get("status") == "KILLED"
                                     for m in by_req_mut[r["id"]])]
    out = [
        "# Traceability: contract requirements → scenarios → mutants",
        "",
        "Generated by `tools/traceability.py --write` from `../shared/spec/contract.md`",
        "(sections 2 and 3), `scenarios/issues/traceability.json`, `mutation/mutants/` and",
        "`reports/mutation/results.json`. Do not edit by hand: ctest `traceability` fails when",
        "this file is stale, a MUST has no scenario or no mutant, or a scenario maps to nothing.",
        "",
        "Ids: `API-NNN.Mn` is the n-th clause (sentences, then top-level `;`) of that issue's",
        "MUST text, `API-NNN.Sn` of its SHOULD text; `INV.Mn` the n-th sentence of section 3.",
        "",
        f"{len(must)} MUSTs, {len(reqs) - len(must)} SHOULDs; "
        f"{sum(1 for r in must if by_req_scen[r['id']])}/{len(must)} MUSTs checked by a scenario; "
        f"{len(proven)}/{len(must)} proven by a killed mutant.",
        "",
        "| id | requirement (quoted) | scenarios | mutants |",
        "|---|---|---|---|",
    ]
    for r in reqs:
        scen = "<br>".join(f"`{s}`" for s in by_req_scen[r["id"]]) or "**none**"
        muts = "<br>".join(mutant_cell(m) for m in by_req_mut[r["id"]]) or (
            "—" if r["level"] == "SHOULD" else "**none**")
        quote = (f"{r['level']}: " + r["text"]).replace("|", "\\|")
        out.append(f"| {r['id']} | {quote} | {scen} | {muts} |")
    out += ["", "## Scenarios", "", "| scenario | requirements |", "|---|---|"]
    for scenario, ids in sorted(table.items()):
        out.append(f"| `{scenario}` | {' '.join(ids)} |")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", help="the harness binary (to check scenario names)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="regenerate docs/traceability.md")
    mode.add_argument("--check", action="store_true", help="fail on gaps or a stale document")
    parser.add_argument("--print-ids", action="store_true", help="list the requirement ids")
    args = parser.parse_args()

    reqs = requirements(CONTRACT.read_text())
    if args.print_ids:
        for r in reqs:
            print(f"{r['id']:12} {r['text']}")
        return 0
    ids = {r["id"] for r in reqs}
    table = json.loads(TABLE.read_text())
    table = {k: v for k, v in table.items() if not k.startswith("_")}
    targets = mutant_targets()
    results = mutant_results()

    problems = []
    for scenario, mapped in table.items():
        if not mapped:
            problems.append(f"scenario {scenario} maps to no requirement")
        for i in mapped:
            if i not in ids:
                problems.append(f"scenario {scenario} names {i}, which the contract does not have")
    for mutant, mapped in targets.items():
        for i in mapped:
            if i not in ids:
                problems.append(f"mutant {mutant} targets {i}, which the contract does not have")
    for r in reqs:
        if r["level"] != "MUST":
            continue
        if not any(r["id"] in v for v in table.values()):
            problems.append(f"{r['id']} has no scenario: {r['text']}")
        if not any(r["id"] in v for v in targets.values()):
            problems.append(f"{r['id']} has no mutant targeting it: {r['text']}")
    if args.harness:
        existing = harness_scenarios(args.harness)
        for missing in sorted(existing - set(table)):
            problems.append(f"scenario {missing} is not in {TABLE.relative_to(ROOT)}")
        for extra in sorted(set(table) - existing):
            problems.append(f"{TABLE.relative_to(ROOT)} names {extra}, which does not exist")

    text = render(reqs, table, targets, results)
    if args.write:
        DOC.write_text(text)
        print(f"wrote {DOC.relative_to(ROOT)}")
    elif args.check:
        if not DOC.exists() or DOC.read_text() != text:
            problems.append(f"{DOC.relative_to(ROOT)} is stale: run tools/traceability.py --write")
    else:
        sys.stdout.write(text)
    for p in problems:
        print(f"traceability: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
