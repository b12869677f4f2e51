"""How fast `prep questions --search` is on a large bank: a generated 10,000-question pack.

The pack is the built-in questions, each retold in many settings ("At a start-up: ...", with
its id, tips and look-fors varied to match), so its words are as varied as real content. Each
figure is a whole `prep --content PACK questions --search QUERY` run, interleaved with the
same run without --search (the pack cached, as after its first load); goal: within 1.5x.
Usage: python bench/bench_search.py [--questions 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

SETTINGS = [
    "at a start-up",
    "in a large company",
    "in your first job",
    "at a charity",
    "in a public-sector role",
    "while working remotely",
    "in a team of two",
    "with a tight budget",
    "during a merger",
    "in a customer-facing job",
    "as a contractor",
    "in a regulated industry",
    "across time zones",
    "in a family business",
    "during a busy season",
    "in an agency",
    "as a new manager",
    "at a hospital",
    "in a school",
    "at a factory",
]
QUERIES = [
    "work you found tedious",
    "push back stakeholder",
    "weakenss",
    "conflict with boss",  # read through the focus phrases' alternatives ("manager")
    "tell me about a time you had to work with someone difficult in your team",  # long
]


def builtin_questions() -> list[dict[str, Any]]:
    folder = Path(__file__).parent.parent / "content" / "questions"
    found: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        found.extend(yaml.safe_load(path.read_text(encoding="utf-8")).get("questions") or [])
    return found


def generate(path: Path, count: int) -> None:
    """A pack of `count` questions, the built-ins retold in one setting after another."""
    base = builtin_questions()
    questions = []
    for i in range(count):
        original = base[i % len(base)]
        setting = SETTINGS[(i // len(base)) % len(SETTINGS)]
        round_number = i // (len(base) * len(SETTINGS))
        slug = setting.replace(" ", "-").replace("'", "")
        question = copy.deepcopy(original)  # shared lists would be dumped as aliases
        question["id"] = f"{original['id']}-{slug}-{round_number}"
        question["text"] = f"{setting.capitalize()}: {original['text']}"
        question["tips"] = [*original.get("tips", []), f"Say what changes {setting}."]
        question.pop("star_template", None)
        questions.append(question)
    pack = {
        "pack": "bench-search",
        "title": "Generated for the search bench",
        "version": "1.0.0",
        "description": "The built-in questions retold in many settings.",
        "questions": questions,
    }
    path.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    prep = harness.prep_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = harness.bench_env(folder)
        pack = folder / "pack.yaml"
        generate(pack, args.questions)
        listing = [prep, "--content", str(pack), "questions", "--json"]
        harness.command(listing, env)()  # validates the pack once and caches it
        print(f"{args.questions} questions ({pack.stat().st_size >> 10} KB of YAML)")
        for query in QUERIES:
            harness.compare(
                f"search {query!r}",
                harness.command([*listing, "--search", query], env),
                harness.command(listing, env),
                goal=1.5,
                runs=args.runs,
            )
    sys.exit(harness.summary())


if __name__ == "__main__":
    main()
