#!/usr/bin/env python3
"""What EDVT adds to the consensus specification, counted from its documents.

For each document: the top-level Python definitions (`def`, `class`) under a heading marked
Modified (a Fulu definition that EDVT rewrites) and all others (new: an EDVT document holds only
what EDVT adds or changes), with the non-blank, non-comment Python lines of the new ones. Also
the fields appended to BeaconState. Quoted in rationale.md. Run: python3 eip-draft/scripts/spec_footprint.py
"""
import re
from pathlib import Path

SPECS = Path(__file__).resolve().parents[2] / "ethereum/spec-extensions/specs/edvt"
DOCS = ["beacon-chain.md", "fork.md", "fork-choice.md", "validator.md", "p2p-interface.md"]
MARKED = re.compile(r"^#{2,6} (New|Modified) ")
CONTAINER_SECTION = re.compile(r"^#{2,6} (New|Modified) containers\s*$")
LEVEL = re.compile(r"^(#{1,6}) ")


def count(doc):
    """Return {"New": [defs, lines], "Modified": [defs, lines]} for one document."""
    result = {"New": [0, 0], "Modified": [0, 0]}
    kind, section_kind, section_level, in_code = None, None, 0, False
    for line in (SPECS / doc).read_text().splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            stripped = line.strip()
            target = "Modified" if kind == "Modified" else "New"
            if stripped and not stripped.startswith("#"):
                result[target][1] += 1
                if re.match(r"(def|class) ", line):
                    result[target][0] += 1
            continue
        heading = LEVEL.match(line)
        if not heading:
            continue
        level = len(heading.group(1))
        if section_kind and level <= section_level:
            section_kind = None
        container_section = CONTAINER_SECTION.match(line)
        if container_section:
            section_kind, section_level, kind = container_section.group(1), level, None
            continue
        marked = MARKED.match(line)
        kind = marked.group(1) if marked else section_kind
    return result


def main():
    print("document          | new definitions (lines) | modified Fulu definitions")
    total = [0, 0, 0]
    for doc in DOCS:
        c = count(doc)
        print(f"{doc:<17} | {c['New'][0]:>3} ({c['New'][1]:>4})              | {c['Modified'][0]:>3}")
        total = [total[0] + c["New"][0], total[1] + c["New"][1], total[2] + c["Modified"][0]]
    print(f"{'total':<17} | {total[0]:>3} ({total[1]:>4})              | {total[2]:>3}")
    text = (SPECS / "beacon-chain.md").read_text()
    state = text[text.index("class BeaconState(Container):"):]
    print("BeaconState fields added:", state[: state.index("```")].count("# [New in EDVT]"))


if __name__ == "__main__":
    main()
