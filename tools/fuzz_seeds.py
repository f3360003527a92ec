#!/usr/bin/env python3
"""Seed inputs for a fuzz target, generated at run time (scripts/fuzz, build.sh).

    tools/fuzz_seeds.py TARGET OUT_DIR

Writes seed files into OUT_DIR from sources that are not copied into the
repository: the shared spec's hash vectors (../shared/spec/hash-vectors.json, or
$RM_HASH_VECTORS), the JSON examples of docs/fault-plan.md, the store fixtures
of scenarios/store/fixtures/ and scenarios/domain/fixtures/. Hand-written seeds
live in fuzz/corpus/TARGET/seed-*. A target without generated seeds gets none;
a missing source is skipped with a note (exit status 0 either way).
"""
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def hash_vector_files():
    path = os.environ.get("RM_HASH_VECTORS") or os.path.join(
        REPO, "..", "shared", "spec", "hash-vectors.json")
    files = [path, os.path.join(REPO, "scenarios", "domain", "fixtures", "extra-hash-vectors.json")]
    return [f for f in files if os.path.isfile(f)]


def preview_hash():
    for path in hash_vector_files():
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for vector in doc.get("vectors", []):
            for key in ("input", "model_dump"):
                if key in vector:
                    yield json.dumps(vector[key], ensure_ascii=False).encode()
        for vector in doc.get("canonical_vectors", []):
            if isinstance(vector, dict) and "input" in vector:
                yield json.dumps(vector["input"], ensure_ascii=False).encode()


def fault_plan():
    with open(os.path.join(REPO, "docs", "fault-plan.md"), encoding="utf-8") as f:
        text = f.read()
    for block in re.findall(r"```json\n(.*?)```", text, re.S):
        try:
            doc = json.loads(block)
        except ValueError:
            continue
        if isinstance(doc, dict) and "rules" in doc:
            yield json.dumps(doc).encode()


def stored_documents():
    folder = os.path.join(REPO, "scenarios", "store", "fixtures")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".json"):
            with open(os.path.join(folder, name), "rb") as f:
                yield f.read()


def llm_answers():
    # The store fixture's processed_data is a ResumeData an LLM could have answered.
    for blob in stored_documents():
        doc = json.loads(blob)
        for record in doc.get("resumes", {}).values():
            data = record.get("processed_data") if isinstance(record, dict) else None
            if isinstance(data, dict):
                text = json.dumps(data, ensure_ascii=False).encode()
                for operation in (0, 2, 3):  # parse_resume, improve, refine
                    yield bytes([operation]) + text


GENERATORS = {
    "preview_hash": preview_hash,
    "fault_plan": fault_plan,
    "stored_documents": stored_documents,
    "llm_answers": llm_answers,
}


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    target, out = sys.argv[1], sys.argv[2]
    generator = GENERATORS.get(target)
    if generator is None:
        return 0
    os.makedirs(out, exist_ok=True)
    count = 0
    try:
        for count, blob in enumerate(generator(), start=1):
            with open(os.path.join(out, "generated-%03d" % count), "wb") as f:
                f.write(blob)
    except OSError as error:
        print("fuzz_seeds: %s: %s (skipped)" % (target, error), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
